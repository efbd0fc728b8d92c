import ArgumentParser
import CRI
import Foundation
import Glibc
import RemoteCommand

/// `crictl exec [-s] [-i] [-t] [--timeout N] CONTAINER-ID COMMAND [ARG...]`.
///
/// `-s` runs ExecSync and writes the command's stdout and stderr as they came back; otherwise Exec
/// gives a streaming URL and the session runs over the websocket channel protocol (stdin with
/// `-i`, a TTY with `-it`). Either way crictl exits with the command's exit code.
struct Exec: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "exec", abstract: "Run a command in a running container.")

    @Flag(name: [.customShort("s"), .long], help: "Run the command synchronously.") var sync = false
    @Option(help: "Timeout in seconds.") var timeout: Int64 = 0
    @Flag(name: [.customShort("t"), .long], help: "Allocate a pseudo-TTY.") var tty = false
    @Flag(name: [.customShort("i"), .long], help: "Keep STDIN open.") var interactive = false
    @Option(name: [.customShort("r"), .long], help: "Transport protocol (websocket; spdy is served over websocket too).")
    var transport = "websocket"
    /// The container ID, then the command: everything after the ID belongs to the command.
    @Argument(parsing: .unconditionalRemaining, help: "CONTAINER-ID COMMAND [ARG...]") var arguments: [String] = []

    func run() async throws {
        var rest = arguments
        if rest.first == "--" { rest.removeFirst() }
        guard rest.count >= 2 else { throw CRICtlError("exec needs a CONTAINER-ID and a COMMAND") }
        let id = rest.removeFirst()
        let command = rest.first == "--" ? Array(rest.dropFirst()) : rest
        guard ["websocket", "spdy"].contains(transport) else { throw CRICtlError("unsupported transport \"\(transport)\"") }
        let code: Int32 = try await CRIConnection.with { connection in
            if sync { return try await Self.execSync(id, command, timeout: timeout, connection) }
            var request = Runtime_V1_ExecRequest()
            request.containerID = id
            request.cmd = command
            request.tty = tty
            request.stdin = interactive
            request.stdout = true
            request.stderr = !tty
            connection.debug("ExecRequest", request)
            try StreamSession.check(tty: tty, interactive: interactive)
            let url = try await connection.run("execing command in container \(id)") {
                try await connection.runtime.exec(request, options: connection.call())
            }.url
            return try await StreamSession(url: url, stdin: interactive, tty: tty).run(what: "execing command in container \(id)")
        }
        if code != 0 { throw ExitCode(code) }
    }

    static func execSync(_ id: String, _ command: [String], timeout: Int64, _ connection: CRIConnection) async throws(CRICtlError) -> Int32 {
        var request = Runtime_V1_ExecSyncRequest()
        request.containerID = id
        request.cmd = command
        request.timeout = timeout
        connection.debug("ExecSyncRequest", request)
        // No deadline unless the command has one; then it and the global timeout.
        let deadline: Duration = timeout > 0 ? .seconds(timeout) + connection.options.timeout : .zero
        let response = try await connection.run("execing command in container \(id) synchronously") {
            try await connection.runtime.execSync(request, options: connection.call(timeout: deadline))
        }
        Output.write(1, Array(response.stdout))
        Output.write(2, Array(response.stderr))
        return response.exitCode
    }
}

/// `crictl attach [-i] [-t] CONTAINER-ID`: the running container's streams over the Attach URL.
struct Attach: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "attach", abstract: "Attach to a running container.")

    @Flag(name: [.customShort("t"), .long], help: "Stdin is a TTY.") var tty = false
    @Flag(name: [.customShort("i"), .long], help: "Pass stdin to the container.") var stdin = false
    @Argument(help: "CONTAINER-ID") var id: String

    func run() async throws {
        let code: Int32 = try await CRIConnection.with { connection in
            var request = Runtime_V1_AttachRequest()
            request.containerID = id
            request.tty = tty
            request.stdin = stdin
            request.stdout = true
            request.stderr = !tty
            connection.debug("AttachRequest", request)
            try StreamSession.check(tty: tty, interactive: stdin)
            let url = try await connection.run("attaching to container \(id)") {
                try await connection.runtime.attach(request, options: connection.call())
            }.url
            return try await StreamSession(url: url, stdin: stdin, tty: tty).run(what: "attaching to container \(id)")
        }
        if code != 0 { throw ExitCode(code) }
    }
}
