import KubeAPI

/// A failed API call, decoded from the `Status` body the apiserver sends (or synthesised from the HTTP
/// status when the body is not a Status, as client-go does). `description` is what kubectl prints.
public struct APIError: Error, Equatable, CustomStringConvertible, Sendable {
    public var code: Int
    public var reason: String
    public var message: String
    public var details: JSONValue?

    public init(code: Int, reason: String, message: String, details: JSONValue? = nil) {
        self.code = code
        self.reason = reason
        self.message = message
        self.details = details
    }

    /// `Error from server (NotFound): pods "x" not found`.
    public var description: String {
        if reason == "Unauthorized" { return "error: You must be logged in to the server (\(message))" }
        if !reason.isEmpty { return "Error from server (\(reason)): \(message)" }
        return "Error from server: \(message)"
    }

    public var isNotFound: Bool { reason == "NotFound" || (reason.isEmpty && code == 404) }
    public var isAlreadyExists: Bool { reason == "AlreadyExists" }
    public var isConflict: Bool { reason == "Conflict" || code == 409 && reason != "AlreadyExists" }

    /// Builds the error from a response: a `kind: Status` body when there is one, else the HTTP status.
    public static func from(statusCode: Int, body: [UInt8]) -> APIError {
        if let status = try? JSONValue.parse(body), status["kind"]?.stringValue == "Status" {
            return APIError(
                code: Int(status["code"]?.intValue ?? Int64(statusCode)),
                reason: status["reason"]?.stringValue ?? "",
                message: status["message"]?.stringValue ?? "",
                details: status["details"])
        }
        let text = String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let (reason, message): (String, String)
        switch statusCode {
        case 400: (reason, message) = ("BadRequest", "the server rejected our request for an unknown reason")
        case 401: (reason, message) = ("Unauthorized", "the server has asked for the client to provide credentials")
        case 403: (reason, message) = ("Forbidden", text.isEmpty ? "the server does not allow access to the requested resource" : text)
        case 404: (reason, message) = ("NotFound", "the server could not find the requested resource")
        case 405: (reason, message) = ("MethodNotAllowed", "the server does not allow this method on the requested resource")
        case 409: (reason, message) = ("Conflict", "the server reported a conflict")
        case 410: (reason, message) = ("Expired", "the server has expired the requested resource")
        case 415: (reason, message) = ("UnsupportedMediaType", "the server responded with the status code 415 but did not return more information")
        case 422: (reason, message) = ("Invalid", "the server rejected our request due to an error in our request")
        case 429: (reason, message) = ("TooManyRequests", "the server has received too many requests and has asked us to try again later")
        case 500: (reason, message) = ("InternalError", "an error on the server (\"\(text)\") has prevented the request from succeeding")
        case 503: (reason, message) = ("ServiceUnavailable", "the server is currently unable to handle the request")
        case 504: (reason, message) = ("Timeout", "the server was unable to return a response in the time allotted, but may still be processing the request")
        default: (reason, message) = ("", "an error on the server (\"\(text)\") has prevented the request from succeeding")
        }
        return APIError(code: statusCode, reason: reason, message: message)
    }
}

/// The connection itself failed; worded as kubectl words it.
public struct ConnectionError: Error, CustomStringConvertible, Sendable {
    public var server: String
    public var underlying: String
    public var refused: Bool

    public var description: String {
        if refused {
            let host = server.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first.map(String.init) ?? server
            return "The connection to the server \(host) was refused - did you specify the right host or port?"
        }
        return "Unable to connect to the server: \(underlying)"
    }
}

import Foundation
