import Testing

@testable import KubeSchedulerCore

@Suite("Cycle state")
struct CycleStateTests {
    struct Counts: Equatable { var byZone: [String: Int] }
    struct Tolerated: Equatable { var keys: [String] }

    @Test func eachTypeReadsBackWhatWasLastWrittenForIt() {
        let state = CycleState()
        #expect(state.read(Counts.self) == nil)
        state.write(Counts(byZone: ["a": 1]))
        state.write(Tolerated(keys: ["x"]))
        state.write(Counts(byZone: ["a": 2, "b": 1]))
        #expect(state.read(Counts.self) == Counts(byZone: ["a": 2, "b": 1]))
        #expect(state.read(Tolerated.self) == Tolerated(keys: ["x"]))
        #expect(state.read(Int.self) == nil)
    }

    @Test func removeForgetsOnlyThatType() {
        let state = CycleState()
        state.write(Counts(byZone: [:]))
        state.write(Tolerated(keys: ["x"]))
        state.remove(Counts.self)
        state.remove(Int.self)
        #expect(state.read(Counts.self) == nil)
        #expect(state.read(Tolerated.self) == Tolerated(keys: ["x"]))
        state.write(Counts(byZone: ["z": 3]))
        #expect(state.read(Counts.self) == Counts(byZone: ["z": 3]))
    }
}
