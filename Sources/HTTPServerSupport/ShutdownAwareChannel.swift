import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A server connection that shutdown always reaches.
///
/// Hummingbird-websocket's upgrade channel waits for a connection's first request head (upgrade or
/// not) on a future that neither graceful shutdown nor cancellation reaches. A client that opened a
/// connection and then gave up on its request (client-go and async-http-client both do, cancelling
/// a request mid-connect) leaves it idle in its pool, and shutdown then waited for that client's
/// idle timeout, a minute. Wrapped here, graceful shutdown closes a connection that has not sent a
/// byte, as HTTP/1 does with idle ones, and cancellation closes any connection still open.
public struct ShutdownAwareChannel<Inner: ServerChildChannel>: ServerChildChannel {
    public struct Value: ServerChildChannelValue {
        let inner: Inner.Value
        let firstRead: FirstReadHandler
        public var channel: any Channel { inner.channel }
    }

    let inner: Inner

    public init(_ inner: Inner) { self.inner = inner }

    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let firstRead = FirstReadHandler()
        return channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(firstRead, position: .first)
        }.flatMap {
            inner.setup(channel: channel, logger: logger)
        }.map { Value(inner: $0, firstRead: firstRead) }
    }

    public func handle(value: Value, logger: Logger) async {
        let channel = value.channel
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await inner.handle(value: value.inner, logger: logger)
            } onGracefulShutdown: {
                if !value.firstRead.happened { channel.close(promise: nil) }
            }
        } onCancel: {
            channel.close(promise: nil)
        }
    }
}

/// Notes that a connection has sent bytes, then steps out of the pipeline.
final class FirstReadHandler: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    private let seen = Atomic<Bool>(false)

    var happened: Bool { seen.load(ordering: .acquiring) }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        seen.store(true, ordering: .releasing)
        context.fireChannelRead(data)
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }
}

extension HTTPServerBuilder {
    /// The server `build` makes (for instance `HTTP1WebSocketUpgradeChannel`), its connections
    /// wrapped in `ShutdownAwareChannel`.
    public static func shutdownAware<Channel: ServerChildChannel>(
        _ build: @escaping @Sendable (@escaping HTTPChannelHandler.Responder) -> Channel
    ) -> HTTPServerBuilder {
        .init { responder in ShutdownAwareChannel(build(responder)) }
    }
}
