// swift-tools-version:6.1
// Kubeswift: a Kubernetes written in Swift. One executable product, `kubeswift`;
// the module layout follows DESIGN.md (each module one idea, importing only those below it).
import PackageDescription

let package = Package(
    name: "kubeswift",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kubeswift", targets: ["kubeswift"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.1.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.20.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.25.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.1.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/grpc/grpc-swift-2.git", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport.git", from: "2.9.2"),
        .package(url: "https://github.com/apple/swift-nio-http2.git", from: "1.46.0"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket.git", from: "1.6.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.29.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
    ],
    targets: [
        // MARK: C shims and system libraries
        .target(name: "CLinux"),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CSeccomp", pkgConfig: "libseccomp", providers: [.apt(["libseccomp-dev"])]),
        .systemLibrary(name: "CCap", pkgConfig: "libcap", providers: [.apt(["libcap-dev"])]),

        // MARK: API machinery
        .target(
            name: "KubeAPI",
            dependencies: [
                .product(name: "Collections", package: "swift-collections"),
                .product(name: "Yams", package: "Yams"),
            ]),
        // Generated only (Scripts/generate-protos.sh from Protos/etcd.generate): etcd's v3 API subset.
        .target(
            name: "EtcdAPI",
            dependencies: [
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]),
        .target(
            name: "KubeStore",
            dependencies: [
                "CSQLite", "EtcdAPI",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
            ]),
        .target(
            name: "KubeAPIServer",
            dependencies: [
                "KubeAPI", "KubeStore", "RemoteCommand", "HTTPServerSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        .target(
            name: "KubeClient",
            dependencies: [
                "KubeAPI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // The scheduler's I/O-free core (framework, plugins, cache, queue, loop), and the component
        // that wires it to a cluster (REST binder, informers).
        .target(
            name: "KubeSchedulerCore",
            dependencies: [
                "KubeAPI",
                .product(name: "Logging", package: "swift-log"),
            ],
            // Release builds leave out the runtime exclusivity checks (debug builds, and so the
            // tests, keep them): every filter and score plugin reads a node's fields from a class,
            // and the checks on those reads were 30% of the algorithm's time at 5,000 nodes.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .target(name: "KubeScheduler", dependencies: ["KubeSchedulerCore", "KubeAPI", "KubeClient"]),
        .target(
            name: "Kubectl",
            dependencies: [
                "KubeAPI", "KubeClient", "RemoteCommand",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        .target(
            name: "KubeControllers",
            dependencies: [
                "KubeAPI", "KubeClient",
                .product(name: "Logging", package: "swift-log"),
            ]),

        // MARK: The node: kernel face and container runtime
        .target(name: "Linux", dependencies: ["CLinux", "CSeccomp", "CCap"]),
        .target(name: "CNI", dependencies: ["Linux"]),
        // The CRI v1 wire protocol: generated from Protos/cri (Scripts/generate-protos.sh), plus
        // client and server glue over unix sockets.
        .target(
            name: "CRI",
            dependencies: [
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]),
        .target(
            name: "ContainerRuntime",
            dependencies: [
                "Linux", "CRI", "CNI", "RemoteCommand", "HTTPServerSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]),

        // What the HTTP servers (apiserver, kubelet, runtime streaming) share on top of Hummingbird.
        .target(
            name: "HTTPServerSupport",
            dependencies: [
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        // The websocket remote-command protocol (exec/attach) shared by the runtime's streaming
        // server, the kubelet, the apiserver proxy, kubectl and crictl.
        .target(
            name: "RemoteCommand",
            dependencies: [
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]),
        // `kubeswift crictl`: a CRI client with crictl's verbs, flags and output.
        .target(
            name: "CRICtl",
            dependencies: [
                "CRI", "RemoteCommand",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]),
        // The node agent: speaks CRI to the runtime and REST to the apiserver, nothing else.
        .target(
            name: "Kubelet",
            dependencies: [
                "KubeAPI", "KubeClient", "CRI", "RemoteCommand", "HTTPServerSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
            ]),

        // `kubeswift up`: the single-node cluster as supervised child processes.
        .target(name: "LocalCluster", dependencies: ["KubeAPI", "KubeClient", "CRI", "Linux", "CLinux"]),

        // MARK: Services: kube-proxy (iptables) and cluster DNS
        .target(
            name: "KubeProxy",
            dependencies: [
                "KubeAPI", "Linux",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(
            name: "ClusterDNS",
            dependencies: [
                "KubeAPI",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        // MARK: The front door
        .target(
            name: "KubeswiftCLI",
            dependencies: [
                "KubeAPI", "KubeStore", "KubeAPIServer", "KubeClient", "KubeControllers", "Kubectl", "KubeScheduler", "ContainerRuntime", "CRI", "CNI",
                "KubeProxy", "ClusterDNS", "Kubelet", "RemoteCommand", "LocalCluster", "CRICtl",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(name: "kubeswift", dependencies: ["KubeswiftCLI", "ContainerRuntime", "CNI"]),
        // The container-init helper alone (synchronous main, single-threaded) for tests and
        // benchmarks; `kubeswift __container-init` is the same code.
        .executableTarget(name: "kubeswift-container-init", dependencies: ["ContainerRuntime"]),
        // The CNI plugins alone (`kubeswift-bridge` etc. dispatch on argv[0] as the main binary
        // does), for the CNI integration tests without building the whole control plane.
        .executableTarget(name: "kubeswift-cni", dependencies: ["CNI"]),
        .executableTarget(name: "kubeswift-runtime-bench", dependencies: ["ContainerRuntime", "CRI"]),
        // Release-build home of Scripts/bench-proxy.sh: render + apply of N Services in a given netns.
        .executableTarget(name: "kubeswift-proxy-bench", dependencies: ["KubeProxy", "KubeAPI"]),
        // `Scripts/bench.sh scheduler`: scheduler throughput, SchedulingBasic-shaped (the core alone, and
        // end to end with the apiserver in-process), and a Deployment's pods to bound with the
        // controller-manager as a child process.
        .executableTarget(
            name: "kubeswift-scheduler-bench",
            dependencies: [
                "KubeSchedulerCore", "KubeScheduler", "KubeAPI", "KubeClient", "KubeStore", "KubeAPIServer",
                .product(name: "Logging", package: "swift-log"),
            ]),
        // Test-only: the child process SQLiteStore's SIGKILL durability test kills, and a release-build
        // home for the raw store benchmark (`kubestore-crash-helper bench DIR SECONDS CLIENTS...`).
        .executableTarget(name: "kubestore-crash-helper", dependencies: ["KubeStore"]),
        // Test-only: starts Debian's etcd on free loopback ports (KubeStore/KubeAPIServer tests, store benchmark).
        .target(name: "EtcdTestSupport", dependencies: ["KubeStore", "Linux"]),
        // Benchmark-only: raw etcd puts/gets and the apiserver request path on etcd and SQLite, release-built
        // (`Scripts/bench.sh store`).
        .executableTarget(
            name: "kubestore-bench",
            dependencies: [
                "KubeStore", "KubeAPIServer", "KubeAPI", "EtcdAPI", "EtcdTestSupport", "Linux",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]),
        // `Scripts/bench.sh pods`: pod startup latency and node memory on a `kubeswift up` cluster.
        .executableTarget(name: "kubeswift-pod-bench", dependencies: ["KubeAPI", "KubeClient"]),
        // `Scripts/bench.sh api`: the load generator driving a release `kubeswift apiserver`.
        .executableTarget(
            name: "kubeswift-api-bench",
            dependencies: ["KubeAPI", .product(name: "AsyncHTTPClient", package: "async-http-client")]),

        // MARK: Tests (layer 1: unit, no root; layer 2: privileged, self-skipping)
        // Shared by the test targets: the built `kubeswift apiserver` on a free port, running commands.
        .target(name: "KubeswiftTestSupport", dependencies: ["Linux"], path: "Tests/TestSupport"),
        .testTarget(name: "KubeAPITests", dependencies: ["KubeAPI", .product(name: "Yams", package: "Yams")]),
        .testTarget(
            name: "KubeStoreTests",
            dependencies: [
                "KubeStore", "EtcdAPI", "kubestore-crash-helper", "EtcdTestSupport",
                .product(name: "NIOEmbedded", package: "swift-nio"), .product(name: "NIOHTTP2", package: "swift-nio-http2"),
            ]),
        .testTarget(
            name: "KubeAPIServerTests",
            dependencies: ["KubeAPIServer", "KubeClient", "Kubectl", "KubeAPI", "KubeStore", "KubeswiftTestSupport", "EtcdTestSupport"]),
        .testTarget(name: "KubeClientTests", dependencies: ["KubeClient", "KubeAPIServer", "KubeAPI", "KubeStore"]),
        .testTarget(name: "KubeControllersTests", dependencies: ["KubeControllers", "KubeClient", "KubeAPI", "KubeswiftTestSupport"]),
        .testTarget(
            name: "KubeSchedulerTests",
            dependencies: ["KubeScheduler", "KubeSchedulerCore", "KubeAPIServer", "KubeClient", "KubeAPI", "KubeStore"]),
        .testTarget(name: "KubectlTests", dependencies: ["Kubectl", "KubeClient", "KubeAPI", "KubeswiftTestSupport"]),
        // The kubelet: unit tests over plain values, probes against loopback servers, and (root;
        // self-skipping) a real apiserver + `kubeswift runtime` + kubelet in a netns.
        .testTarget(
            name: "KubeletTests",
            dependencies: [
                "Kubelet", "KubeAPI", "KubeClient", "CRI", "KubeswiftTestSupport", "kubeswift",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
            ]),
        .testTarget(name: "LinuxTests", dependencies: ["Linux", "ContainerRuntime"]),
        .testTarget(name: "CNITests", dependencies: ["CNI", "Linux", "kubeswift-cni", "KubeswiftTestSupport"]),
        .testTarget(name: "ImageTests", dependencies: ["ContainerRuntime"]),
        .testTarget(name: "RuntimeIntegrationTests", dependencies: ["Linux", "ContainerRuntime", "KubeswiftTestSupport"]),
        .testTarget(name: "KubeProxyTests", dependencies: ["KubeProxy", "KubeAPI", "Linux"]),
        .testTarget(
            name: "ClusterDNSTests",
            dependencies: [
                "ClusterDNS", "KubeAPI",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        .testTarget(name: "RemoteCommandTests", dependencies: ["RemoteCommand", "KubeswiftTestSupport"]),
        // The runtime's streaming server with the remote-command client, over loopback (no root).
        .testTarget(
            name: "StreamingTests",
            dependencies: [
                "ContainerRuntime", "RemoteCommand", "CRI", "KubeswiftTestSupport",
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]),
        // `kubeswift up --netns`: the whole cluster driven by the bundled kubectl (root; self-skipping).
        .testTarget(name: "ClusterTests", dependencies: ["KubeswiftTestSupport", "kubeswift"]),
        // crictl: unit tests over plain values, and (root; self-skipping) the built `kubeswift crictl`
        // against a `kubeswift runtime` daemon.
        .testTarget(name: "CRICtlTests", dependencies: ["CRICtl", "CRI", "KubeswiftTestSupport", "kubeswift"]),
        // Drives the `kubeswift runtime` daemon binary over its CRI socket (root; self-skipping).
        .testTarget(
            name: "CRIIntegrationTests",
            dependencies: [
                "CRI", "RemoteCommand", "KubeswiftTestSupport", "kubeswift",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
