/// IPv4 routes in the main table: add, delete, list.
extension RouteNetlink {
    public func addRoute(_ route: Route) throws {
        let header = RouteHeader(destinationLength: UInt8(route.destination?.prefixLength ?? 0), scope: route.scope.rawValue)
        try request(.newRoute, flags: Self.createExclusive, payload: header.encode() + NetlinkAttribute.encode(Self.routeAttributes(route)),
                    operation: "add route \(route)")
    }

    /// Matches any protocol, scope and type, as `ip route del` does.
    public func deleteRoute(_ route: Route) throws {
        let header = RouteHeader(destinationLength: UInt8(route.destination?.prefixLength ?? 0),
                                 routingProtocol: RouteProtocol.unspecified, scope: RouteScope.nowhere.rawValue, type: RouteType.unspecified)
        try request(.deleteRoute, flags: Self.change, payload: header.encode() + NetlinkAttribute.encode(Self.routeAttributes(route)),
                    operation: "delete route \(route)")
    }

    /// Routes of the main table (the kernel dumps every table; the others are dropped).
    public func routes() throws -> [Route] {
        let header = RouteHeader(table: RouteTable.unspecified, routingProtocol: RouteProtocol.unspecified, scope: 0, type: RouteType.unspecified)
        return try request(.getRoute, flags: .dump, payload: header.encode(), operation: "list routes")
            .compactMap(Route.init(message:))
            .filter { $0.table == RouteTable.main }
    }

    static func routeAttributes(_ route: Route) -> [NetlinkAttribute] {
        var attributes: [NetlinkAttribute] = []
        if let destination = route.destination, destination.prefixLength > 0 {
            attributes.append(.address(RouteAttribute.destination, destination.network.address))
        }
        if let gateway = route.gateway { attributes.append(.address(RouteAttribute.gateway, gateway)) }
        if let index = route.linkIndex { attributes.append(.u32(RouteAttribute.outputInterface, UInt32(bitPattern: index))) }
        return attributes
    }
}
