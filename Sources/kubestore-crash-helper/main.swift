// A child process for KubeStore's durability test, and a release-build home for the raw store
// benchmark. Not part of the shipped binary.
//
//   kubestore-crash-helper write PATH CLIENTS   creates /crash/<n> with CLIENTS concurrent writers,
//                                               printing "<n>\n" once each create is acknowledged,
//                                               until killed
//   kubestore-crash-helper bench DIR SECONDS CLIENTS...
import Foundation
import KubeStore

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("kubestore-crash-helper: \(message)\n".utf8))
    exit(2)
}

/// Acknowledges one create on stdout, in one write(2) so lines from concurrent writers never interleave.
func acknowledge(_ n: Int) {
    let line = Array("\(n)\n".utf8)
    _ = line.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
}

func writeUntilKilled(path: String, clients: Int) async -> Never {
    let store: SQLiteStore
    do { store = try SQLiteStore(path: path) } catch { fail("open \(path): \(error)") }
    await withTaskGroup(of: Void.self) { group in
        for client in 0..<clients {
            group.addTask {
                var n = client
                while true {
                    do {
                        _ = try await store.create("/crash/\(n)", value: Array("value-\(n)".utf8), ttl: nil)
                    } catch {
                        fail("create /crash/\(n): \(error)")
                    }
                    acknowledge(n)
                    n += clients
                }
            }
        }
    }
    fail("writers stopped")
}

func bench(directory: String, seconds: Double, clientCounts: [Int]) async {
    for clients in clientCounts {
        let file = "\(directory)/bench-\(clients).db"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
        let store: SQLiteStore
        do { store = try SQLiteStore(path: file) } catch { fail("open \(file): \(error)") }
        print("sqlite \(await StoreBenchmark.run(store: store, clients: clients, seconds: seconds))")
        await store.close()
        let memory = MemoryStore()
        print("memory \(await StoreBenchmark.run(store: memory, clients: clients, seconds: seconds))")
        await memory.close()
    }
}

let arguments = CommandLine.arguments
guard arguments.count >= 4 else { fail("usage: write PATH CLIENTS | bench DIR SECONDS CLIENTS...") }
switch arguments[1] {
case "write":
    guard let clients = Int(arguments[3]) else { fail("CLIENTS must be a number: \(arguments[3])") }
    await writeUntilKilled(path: arguments[2], clients: clients)
case "bench":
    guard let seconds = Double(arguments[3]) else { fail("SECONDS must be a number: \(arguments[3])") }
    await bench(directory: arguments[2], seconds: seconds, clientCounts: arguments.dropFirst(4).compactMap(Int.init))
default:
    fail("unknown mode \(arguments[1])")
}
