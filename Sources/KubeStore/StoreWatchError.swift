/// Why a watch stream ended other than by the consumer cancelling it or the store closing.
/// `.compacted` is reported as `StoreError.compacted`; this covers what is particular to watching.
public enum StoreWatchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The consumer did not keep up: more than `bufferSize` events were waiting for it. Writers are
    /// never blocked by a watcher; like the apiserver's cacher, the store ends that watch instead,
    /// and the client re-watches from the last revision it saw.
    case fellBehind(prefix: String, bufferSize: Int)

    public var description: String {
        switch self {
        case .fellBehind(let prefix, let bufferSize):
            return "watch on \"\(prefix)\" ended: the consumer fell more than \(bufferSize) events behind"
        }
    }
}
