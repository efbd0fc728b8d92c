/// A set of field paths, stored as upstream's `fieldpath.Set`: the path elements that are
/// members here, and a child set under each element that has deeper members. An element can
/// be both a member and have children (a list-map item and its fields): fieldsV1 writes that
/// as a `"."` entry.
public struct FieldSet: Hashable, Sendable {
    public internal(set) var members: Set<PathElement> = []
    /// Never holds an empty child set.
    public internal(set) var children: [PathElement: FieldSet] = [:]

    public init() {}

    public init(_ paths: [FieldPath]) {
        for path in paths { insert(path) }
    }

    public var isEmpty: Bool { members.isEmpty && children.isEmpty }

    public mutating func insert(_ path: FieldPath) {
        insert(path[...])
    }

    private mutating func insert(_ path: ArraySlice<PathElement>) {
        guard let first = path.first else { return }
        if path.count == 1 {
            members.insert(first)
        } else {
            children[first, default: FieldSet()].insert(path.dropFirst())
        }
    }

    public func contains(_ path: FieldPath) -> Bool {
        var set = self
        for (i, element) in path.enumerated() {
            if i == path.count - 1 { return set.members.contains(element) }
            guard let child = set.children[element] else { return false }
            set = child
        }
        return false
    }

    /// The set of paths below `element`, without the element itself.
    public func child(_ element: PathElement) -> FieldSet { children[element] ?? FieldSet() }

    /// True when anything at or below `element` is in the set.
    func touches(_ element: PathElement) -> Bool { members.contains(element) || children[element] != nil }

    public func union(_ other: FieldSet) -> FieldSet {
        var out = self
        out.members.formUnion(other.members)
        for (element, child) in other.children {
            out.children[element] = out.children[element].map { $0.union(child) } ?? child
        }
        return out
    }

    public func intersection(_ other: FieldSet) -> FieldSet {
        var out = FieldSet()
        out.members = members.intersection(other.members)
        for (element, child) in children {
            guard let theirs = other.children[element] else { continue }
            let both = child.intersection(theirs)
            if !both.isEmpty { out.children[element] = both }
        }
        return out
    }

    /// Paths in self and not in `other`. As upstream, removing a member keeps the paths
    /// below it: `.spec.containers[name="a"]` going away leaves `.spec.containers[name="a"].image`.
    public func difference(_ other: FieldSet) -> FieldSet {
        var out = FieldSet()
        out.members = members.subtracting(other.members)
        for (element, child) in children {
            let rest = other.children[element].map { child.difference($0) } ?? child
            if !rest.isEmpty { out.children[element] = rest }
        }
        return out
    }

    /// Every member path, in upstream's iteration order: this level's members sorted,
    /// then each child's paths in element order.
    public var paths: [FieldPath] {
        var out: [FieldPath] = []
        collect(prefix: [], into: &out)
        return out
    }

    private func collect(prefix: FieldPath, into out: inout [FieldPath]) {
        for element in members.sorted() { out.append(prefix + [element]) }
        for element in children.keys.sorted() {
            children[element]!.collect(prefix: prefix + [element], into: &out)
        }
    }
}

extension FieldSet: CustomStringConvertible {
    public var description: String { paths.map(\.pathString).joined(separator: "\n") }
}
