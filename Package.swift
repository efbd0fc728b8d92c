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
        .target(
            name: "KubeStore",
            dependencies: [
                "CSQLite",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "KubeAPIServer",
            dependencies: [
                "KubeAPI", "KubeStore",
                .product(name: "Hummingbird", package: "hummingbird"),
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
        .target(
            name: "Kubectl",
            dependencies: [
                "KubeAPI", "KubeClient",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // MARK: The node: kernel face and container runtime
        .target(name: "Linux", dependencies: ["CLinux", "CSeccomp", "CCap"]),
        .target(
            name: "ContainerRuntime",
            dependencies: [
                "Linux",
                .product(name: "Logging", package: "swift-log"),
            ]),

        // MARK: The front door
        .target(
            name: "KubeswiftCLI",
            dependencies: [
                "KubeAPI", "KubeStore", "KubeAPIServer", "KubeClient", "Kubectl", "ContainerRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(name: "kubeswift", dependencies: ["KubeswiftCLI", "ContainerRuntime"]),
        // The container-init helper alone (synchronous main, single-threaded) for tests and
        // benchmarks; `kubeswift __container-init` is the same code.
        .executableTarget(name: "kubeswift-container-init", dependencies: ["ContainerRuntime"]),
        .executableTarget(name: "kubeswift-runtime-bench", dependencies: ["ContainerRuntime"]),
        // Test-only: the child process SQLiteStore's SIGKILL durability test kills, and a release-build
        // home for the raw store benchmark (`kubestore-crash-helper bench DIR SECONDS CLIENTS...`).
        .executableTarget(name: "kubestore-crash-helper", dependencies: ["KubeStore"]),
        // `Scripts/bench.sh api`: the load generator driving a release `kubeswift apiserver`.
        .executableTarget(
            name: "kubeswift-api-bench",
            dependencies: ["KubeAPI", .product(name: "AsyncHTTPClient", package: "async-http-client")]),

        // MARK: Tests (layer 1: unit, no root; layer 2: privileged, self-skipping)
        .testTarget(name: "KubeAPITests", dependencies: ["KubeAPI", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "KubeStoreTests", dependencies: ["KubeStore", "kubestore-crash-helper"]),
        .testTarget(name: "KubeAPIServerTests", dependencies: ["KubeAPIServer", "KubeClient", "Kubectl", "KubeAPI", "KubeStore"]),
        .testTarget(name: "KubectlTests", dependencies: ["Kubectl", "KubeClient", "KubeAPI"]),
        .testTarget(name: "LinuxTests", dependencies: ["Linux", "ContainerRuntime"]),
        .testTarget(name: "RuntimeIntegrationTests", dependencies: ["Linux", "ContainerRuntime"]),
    ],
    swiftLanguageModes: [.v6]
)
