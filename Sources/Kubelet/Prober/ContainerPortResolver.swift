import KubeAPI

/// A probe's or hook's port: a number, the name of one of the container's ports, or a number
/// written as a string (upstream's probe.ResolveContainerPort).
enum ContainerPortResolver {
    static func resolve(_ port: IntOrString, in container: Container) throws(ProbeError) -> Int {
        let number: Int
        switch port {
        case .int(let value):
            number = Int(value)
        case .string(let name):
            if let named = container.ports?.first(where: { $0.name == name }) {
                number = Int(named.containerPort)
            } else if let literal = Int(name) {
                number = literal
            } else {
                throw ProbeError(description: "port \(name) not found")
            }
        }
        guard number > 0 && number < 65536 else { throw ProbeError(description: "invalid port number: \(number)") }
        return number
    }
}
