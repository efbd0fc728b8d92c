import Foundation
import Synchronization

/// Unused-image garbage collection (upstream's realImageGCManager, knobs --image-gc-high-threshold
/// 85, --image-gc-low-threshold 80, --minimum-image-ttl-duration 2m): when the image filesystem is
/// fuller than the high threshold, images no container uses are removed, least recently used
/// first, until it is back under the low one. Images seen for less than the minimum age stay.
public struct ImageGCPolicy: Sendable, Equatable {
    public var highThresholdPercent: Int
    public var lowThresholdPercent: Int
    public var minimumAge: Duration

    public init(highThresholdPercent: Int = 85, lowThresholdPercent: Int = 80, minimumAge: Duration = .seconds(120)) {
        self.highThresholdPercent = highThresholdPercent
        self.lowThresholdPercent = lowThresholdPercent
        self.minimumAge = minimumAge
    }

    public struct Image: Sendable, Equatable {
        public var id: String
        public var size: UInt64
        /// When the kubelet first saw it, and when a container last used it.
        public var firstDetected: Date
        public var lastUsed: Date

        public init(id: String, size: UInt64, firstDetected: Date, lastUsed: Date) {
            self.id = id
            self.size = size
            self.firstDetected = firstDetected
            self.lastUsed = lastUsed
        }
    }

    /// The image ids to remove, in order, given the filesystem's capacity and free bytes.
    public func evictable(images: [Image], inUse: Set<String>, capacity: UInt64, available: UInt64, now: Date) -> [String] {
        guard capacity > 0, highThresholdPercent < 100 else { return [] }
        let usagePercent = 100 - Int(available * 100 / capacity)
        guard usagePercent >= highThresholdPercent else { return [] }
        let target = capacity * UInt64(100 - lowThresholdPercent) / 100
        guard target > available else { return [] }
        var toFree = target - available
        var result: [String] = []
        let candidates = images.filter { !inUse.contains($0.id) && now.timeIntervalSince($0.firstDetected) >= minimumAge.seconds }
            .sorted { ($0.lastUsed, $0.firstDetected) < ($1.lastUsed, $1.firstDetected) }
        for image in candidates {
            result.append(image.id)
            if image.size >= toFree { break }
            toFree -= image.size
        }
        return result
    }
}

/// Remembers when each image was first seen and last used between GC passes.
final class ImageUsageRecords: Sendable {
    let records = Mutex<[String: (firstDetected: Date, lastUsed: Date)]>([:])

    /// Updates the records from the images present and those containers use; returns the images.
    func observe(present: [(id: String, size: UInt64)], inUse: Set<String>, now: Date) -> [ImageGCPolicy.Image] {
        records.withLock { records in
            let ids = Set(present.map(\.id))
            records = records.filter { ids.contains($0.key) }
            for image in present {
                var record = records[image.id] ?? (now, now)
                if inUse.contains(image.id) { record.lastUsed = now }
                records[image.id] = record
            }
            return present.map { ImageGCPolicy.Image(id: $0.id, size: $0.size, firstDetected: records[$0.id]!.firstDetected,
                                                     lastUsed: records[$0.id]!.lastUsed) }
        }
    }
}
