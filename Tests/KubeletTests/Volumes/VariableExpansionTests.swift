import Testing

@testable import Kubelet

@Suite("$(VAR) expansion")
struct VariableExpansionTests {
    let env = ["VAR_A": "A", "VAR_B": "B", "VAR_C": "C", "VAR_REF": "$(VAR_A)", "VAR_EMPTY": "", "URL": "http://x"]

    // Cases from upstream's expand_test.go.
    @Test(arguments: [
        ("$(VAR_A)", "A"),
        ("___$(VAR_B)___", "___B___"),
        ("$(VAR_A)-$(VAR_B)-$(VAR_C)", "A-B-C"),
        ("$(VAR_A)$(VAR_B)", "AB"),
        ("$(VAR_DNE)", "$(VAR_DNE)"),
        ("$$(VAR_A)", "$(VAR_A)"),
        ("$$$(VAR_A)", "$A"),
        ("$$$$(VAR_A)", "$$(VAR_A)"),
        ("$$", "$"),
        ("$", "$"),
        ("foo$", "foo$"),
        ("$(VAR_A", "$(VAR_A"),
        ("$(", "$("),
        ("$()", "$()"),  // an empty name is unknown too
        ("$a", "$a"),
        ("f000-$$VAR_A", "f000-$VAR_A"),
        ("$(VAR_EMPTY)", ""),
        ("$(VAR_REF)", "$(VAR_A)"),  // substituted values are not expanded again
        ("$(VAR_A)$(VAR_A", "A$(VAR_A"),
        ("$(VAR_A)$($(VAR_B))", "A$($(VAR_B))"),
        ("é$(VAR_A)ü", "éAü"),
        ("", ""),
    ])
    func expands(_ input: String, _ expected: String) {
        #expect(ContainerEnvironment.expand(input, with: env) == expected)
    }

    @Test func nestedReferenceReadsUpToFirstCloser() {
        // `$(VAR_$(VAR_A))` reads the name "VAR_$(VAR_A", unknown, so it stays; the trailing ")" is literal.
        #expect(ContainerEnvironment.expand("$(VAR_$(VAR_A))", with: env) == "$(VAR_$(VAR_A))")
    }
}
