import Logging

/// A component's logger at the `--log-level` it was given (info when the name is unknown).
func componentLogger(_ label: String, level: String) -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = Logger.Level(rawValue: level) ?? .info
    return logger
}
