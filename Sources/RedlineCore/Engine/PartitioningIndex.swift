extension RandomAccessCollection {
    /// The index of the first element for which `isPast` holds, by binary search, or
    /// `endIndex`; `isPast` must be false for a prefix of the collection and true for the rest.
    func partitioningIndex(where isPast: (Element) -> Bool) -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let mid = index(low, offsetBy: half)
            if isPast(self[mid]) {
                count = half
            } else {
                low = index(after: mid)
                count -= half + 1
            }
        }
        return low
    }
}
