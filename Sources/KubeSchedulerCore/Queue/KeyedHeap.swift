/// A binary heap whose elements are addressable by key, for update and removal in
/// O(log n) (upstream `internal/heap`).
struct KeyedHeap<Element> {
    private var items: [Element] = []
    private var positions: [String: Int] = [:]
    private let keyOf: (Element) -> String
    private let less: (Element, Element) -> Bool

    init(key: @escaping (Element) -> String, less: @escaping (Element, Element) -> Bool) {
        self.keyOf = key
        self.less = less
    }

    var count: Int { items.count }
    var isEmpty: Bool { items.isEmpty }
    var peek: Element? { items.first }
    var elements: [Element] { items }

    func contains(_ key: String) -> Bool { positions[key] != nil }
    func get(_ key: String) -> Element? { positions[key].map { items[$0] } }

    /// Inserts, or replaces the element with the same key.
    mutating func upsert(_ e: Element) {
        let k = keyOf(e)
        if let i = positions[k] {
            items[i] = e
            siftUp(siftDown(i))
        } else {
            items.append(e)
            positions[k] = items.count - 1
            siftUp(items.count - 1)
        }
    }

    @discardableResult
    mutating func remove(_ key: String) -> Element? {
        guard let i = positions[key] else { return nil }
        let e = items[i]
        let last = items.count - 1
        if i != last {
            swapAt(i, last)
        }
        items.removeLast()
        positions.removeValue(forKey: key)
        if i < items.count { siftUp(siftDown(i)) }
        return e
    }

    mutating func pop() -> Element? {
        guard let top = items.first else { return nil }
        return remove(keyOf(top))
    }

    private mutating func swapAt(_ a: Int, _ b: Int) {
        items.swapAt(a, b)
        positions[keyOf(items[a])] = a
        positions[keyOf(items[b])] = b
    }

    @discardableResult
    private mutating func siftDown(_ start: Int) -> Int {
        var i = start
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < items.count && less(items[l], items[m]) { m = l }
            if r < items.count && less(items[r], items[m]) { m = r }
            if m == i { return i }
            swapAt(i, m)
            i = m
        }
    }

    private mutating func siftUp(_ start: Int) {
        var i = start
        while i > 0 {
            let p = (i - 1) / 2
            if !less(items[i], items[p]) { return }
            swapAt(i, p)
            i = p
        }
    }
}
