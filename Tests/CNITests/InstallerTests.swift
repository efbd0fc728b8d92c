import Foundation
import Testing

@testable import CNI

@Suite struct InstallerTests {
    @Test func installLinksEveryPluginOnceAndRefusesToClobber() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ks-cni-bin-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let links = try PluginInstaller.install(binDirectory: directory, executable: "/usr/local/bin/kubeswift")
        #expect(links.map { URL(fileURLWithPath: $0).lastPathComponent } == ["kubeswift-bridge", "kubeswift-host-local", "kubeswift-loopback"])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory + "/kubeswift-bridge") == "/usr/local/bin/kubeswift")
        // Again: nothing to do.
        #expect(try PluginInstaller.install(binDirectory: directory, executable: "/usr/local/bin/kubeswift").count == 3)
        // A different target is a conflict unless forced.
        #expect(throws: PluginInstaller.Conflict.self) { try PluginInstaller.install(binDirectory: directory, executable: "/opt/other") }
        try PluginInstaller.install(binDirectory: directory, executable: "/opt/other", force: true)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory + "/kubeswift-loopback") == "/opt/other")
    }
}
