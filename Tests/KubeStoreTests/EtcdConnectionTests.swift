import EtcdAPI
import EtcdTestSupport
import Foundation
import Testing

@testable import KubeStore

/// The store's gRPC connection to a member, under load.
@Suite("etcd connection", .enabled(if: EtcdTestCluster.available, "needs etcd: /usr/bin/etcd (Debian etcd-server) or $KUBESWIFT_ETCD"))
struct EtcdConnectionTests {
    /// etcd (grpc-go) sends a PING after each burst of requests it reads, up to hundreds a second
    /// under a write load; swift-nio-http2 closes a connection that receives more than 200 in 30 s,
    /// failing every call on it, unless `HTTP2PingResponder` answers them first. 32 writers on one
    /// connection, until 10,000 puts are acknowledged: not one call may fail. (Without the
    /// responder, the debug build's connection closed after about 5,500 puts.)
    @Test func aSustainedWriteLoadKeepsTheConnection() async throws {
        try await EtcdTestCluster.with { cluster in
            let member = try EtcdMember(endpoint: try #require(EtcdEndpoint.parseList(cluster.servers).first))
            defer { member.close() }
            let value = Data(repeating: 0x6b, count: 1024)
            let log = WriteLog()
            let deadline = ContinuousClock.now.advanced(by: .seconds(90))
            await withTaskGroup(of: Void.self) { group in
                for writer in 0..<32 {
                    group.addTask {
                        var index = 0
                        while log.acknowledged.count < 10_000, log.failures.count < 10, ContinuousClock.now < deadline {
                            let key = "/load/\(writer)/\(index)"
                            var put = Etcdserverpb_PutRequest()
                            put.key = Data(key.utf8)
                            put.value = value
                            index += 1
                            do {
                                let response = try await member.kv.put(put, options: EtcdMessages.callOptions())
                                log.acknowledge(key, response.header.revision)
                            } catch {
                                log.fail("\(key): \(error)")
                                try? await Task.sleep(for: .milliseconds(10))
                            }
                        }
                    }
                }
            }
            let failed = log.failures
            #expect(failed.isEmpty, "\(failed.count) puts failed, the first: \(failed.first ?? "")")
            if failed.isEmpty { #expect(log.acknowledged.count >= 10_000, "the load ran into the 90 s deadline") }
        }
    }
}
