import EtcdAPI
import Foundation
import GRPCCore

/// Building etcd requests and reading its responses in the store's terms.
enum EtcdMessages {
    /// `[key, rangeEnd)` for every key under `prefix`; etcd spells "to the end" as a single zero byte.
    static func rangeEnd(prefix: String) -> Data {
        KeyRange(prefix: prefix).end.map { Data($0) } ?? Data([0])
    }

    static func keyValue(_ kv: Mvccpb_KeyValue) -> KeyValue {
        KeyValue(
            key: String(decoding: kv.key, as: UTF8.self), value: [UInt8](kv.value),
            createRevision: kv.createRevision, modRevision: kv.modRevision)
    }

    static func compare(_ key: String, _ target: Etcdserverpb_Compare.CompareTarget,
                        _ result: Etcdserverpb_Compare.CompareResult, _ revision: Int64) -> Etcdserverpb_Compare {
        var compare = Etcdserverpb_Compare()
        compare.key = Data(key.utf8)
        compare.target = target
        compare.result = result
        compare.targetUnion = target == .create ? .createRevision(revision) : .modRevision(revision)
        return compare
    }

    /// The guard for a conditional write: the key's modRevision equals `expected`, or, with no
    /// expectation, the key exists (createRevision > 0), as upstream's etcd3 store writes it.
    static func guardFor(_ key: String, expectedRevision: Int64?) -> Etcdserverpb_Compare {
        if let expectedRevision { return compare(key, .mod, .equal, expectedRevision) }
        return compare(key, .create, .greater, 0)
    }

    static func get(_ key: String) -> Etcdserverpb_RequestOp {
        var range = Etcdserverpb_RangeRequest()
        range.key = Data(key.utf8)
        var op = Etcdserverpb_RequestOp()
        op.request = .requestRange(range)
        return op
    }

    static func put(_ key: String, value: [UInt8], lease: Int64) -> Etcdserverpb_RequestOp {
        var put = Etcdserverpb_PutRequest()
        put.key = Data(key.utf8)
        put.value = Data(value)
        put.lease = lease
        var op = Etcdserverpb_RequestOp()
        op.request = .requestPut(put)
        return op
    }

    static func delete(_ key: String) -> Etcdserverpb_RequestOp {
        var delete = Etcdserverpb_DeleteRangeRequest()
        delete.key = Data(key.utf8)
        delete.prevKv = true
        var op = Etcdserverpb_RequestOp()
        op.request = .requestDeleteRange(delete)
        return op
    }

    /// The key a failed conditional write read back in its `failure` branch, if it exists.
    static func currentValue(_ response: Etcdserverpb_TxnResponse) -> KeyValue? {
        for op in response.responses {
            if case .responseRange(let range)? = op.response, let kv = range.kvs.first { return keyValue(kv) }
        }
        return nil
    }

    /// As clientv3's WithRequireLeader: a member without a leader refuses at once ("etcdserver: no
    /// leader", before anything is proposed) instead of holding the request until it times out, and
    /// a member cut off from its cluster cancels watches instead of keeping them silently open.
    static let requireLeader: Metadata = ["hasleader": "true"]

    /// `timeout`: how long the call may take on this member, for the rare calls that carry one
    /// (health checks, compaction, lease grants). The reads and writes of the request path carry
    /// none: grpc-swift runs each deadline as a task sleeping on a timer of its own, which cost
    /// about a tenth of the apiserver's CPU at 64 concurrent writers. A member that stops
    /// answering is found by the connection's keepalive instead, as clientv3 does (`EtcdMember`).
    static func callOptions(timeout: Duration? = nil) -> CallOptions {
        var options = CallOptions.defaults
        options.timeout = timeout
        // Fail fast on a member that is down so the call can move to another one.
        options.waitForReady = false
        // Lists of many objects come back in one message (etcd itself sends up to 2 GiB).
        options.maxResponseMessageBytes = 512 << 20
        return options
    }
}
