import KubeAPI

extension APIError {
    /// The error as the meta/v1 `Status` the server sent (`status.code`, `status.reason`).
    public var status: Status {
        let decodedDetails = details.flatMap { try? $0.decode(as: StatusDetails.self) }
        return Status(status: "Failure", message: message, reason: reason, details: decodedDetails, code: Int32(clamping: code))
    }

    /// 410: the requested resourceVersion was compacted away (`Expired`, or `Gone` from older servers).
    public var isGone: Bool { code == 410 || reason == "Expired" || reason == "Gone" }

    public var isTooManyRequests: Bool { code == 429 || reason == "TooManyRequests" }

    /// Built from the `Status` a watch sends in an ERROR event.
    init(status json: JSONValue) {
        self.init(
            code: Int(json["code"]?.intValue ?? 500),
            reason: json["reason"]?.stringValue ?? "",
            message: json["message"]?.stringValue ?? "",
            details: json["details"])
    }
}
