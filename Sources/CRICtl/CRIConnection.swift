import CRI
import Foundation
import GRPCCore
import SwiftProtobuf

/// The runtime and image services crictl talks to, with its per-call deadlines: the global
/// `--timeout` for ordinary calls, twice that for RunPodSandbox (as cri-client gives it), none for
/// image pulls, and the command's own timeout plus the global one for ExecSync.
public final class CRIConnection: Sendable {
    public let options: GlobalOptions
    let runtimeClient: CRIClient
    let imageClient: CRIClient?

    public init(options: GlobalOptions) throws(CRICtlError) {
        self.options = options
        let endpoints = try options.endpoints()
        do {
            runtimeClient = try CRIClient(endpoint: endpoints.runtime)
            imageClient = endpoints.image == endpoints.runtime ? nil : try CRIClient(endpoint: endpoints.image)
        } catch {
            throw CRICtlError("connect to \(endpoints.runtime)", error)
        }
    }

    public var runtime: Runtime_V1_RuntimeService.Client<CRIClient.Transport> { runtimeClient.runtime }
    public var images: Runtime_V1_ImageService.Client<CRIClient.Transport> { (imageClient ?? runtimeClient).images }

    /// Call options with a deadline of `timeout` (nil: the global timeout; .zero: none). Calls fail
    /// at once when the socket is not there rather than waiting for it.
    public func call(timeout: Duration? = nil) -> CallOptions {
        var call = CallOptions.defaults
        call.waitForReady = false
        let deadline = timeout ?? options.timeout
        if deadline > .zero { call.timeout = deadline }
        return call
    }

    /// With `--debug`, the request or response on stderr as crictl's debug log shows it.
    public func debug(_ label: String, _ message: some SwiftProtobuf.Message) {
        guard options.debug else { return }
        let text = (try? message.jsonString()) ?? "\(message)"
        FileHandle.standardError.write(Data("DEBU \(label): \(text)\n".utf8))
    }

    public func close() async {
        await runtimeClient.close()
        await imageClient?.close()
    }

    /// Connects with the current global options, runs `body`, closes.
    public static func with<T: Sendable>(_ body: (CRIConnection) async throws -> T) async throws -> T {
        let connection = try CRIConnection(options: CRICtlContext.options)
        do {
            let result = try await body(connection)
            await connection.close()
            return result
        } catch {
            await connection.close()
            throw error
        }
    }

    /// Runs one call, turning its failure into `error: <what>: <gRPC message>`.
    public func run<T>(_ what: @autoclosure () -> String, _ body: () async throws -> T) async throws(CRICtlError) -> T {
        do {
            return try await body()
        } catch let error as CRICtlError {
            throw error
        } catch {
            throw CRICtlError(what(), error)
        }
    }
}

/// The global options of the running command line, for the verbs that ArgumentParser builds.
public enum CRICtlContext {
    @TaskLocal public static var options = GlobalOptions()
}
