/// A first-in first-out buffer with O(1) amortised push and pop (an array with a moving head).
struct FIFO<Element> {
    private var storage: [Element] = []
    private var head = 0

    var count: Int { storage.count - head }
    var isEmpty: Bool { count == 0 }

    mutating func append(_ element: Element) { storage.append(element) }

    mutating func popFirst() -> Element? {
        guard head < storage.count else { return nil }
        let element = storage[head]
        head += 1
        if head > 64 && head * 2 > storage.count {
            storage.removeFirst(head)
            head = 0
        }
        return element
    }

    func firstIndex(where predicate: (Element) -> Bool) -> Int? {
        storage[head...].firstIndex(where: predicate).map { $0 - head }
    }

    mutating func remove(at offset: Int) -> Element {
        storage.remove(at: head + offset)
    }

    func map<T>(_ transform: (Element) -> T) -> [T] { storage[head...].map(transform) }
}
