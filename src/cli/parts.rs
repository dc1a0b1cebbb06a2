//! The parts a file is cut into for a multipart upload: how many, and which bytes each
//! holds. A leaf: `commands` chooses the part size (`multipart part --file`), `output`
//! writes each part's byte range.

/// A file of `size` bytes in parts of `part_size` bytes, the last holding the rest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileParts {
    pub size: u64,
    pub part_size: u64,
}

impl FileParts {
    /// How many parts: at least one (an empty file is one empty part).
    pub fn count(&self) -> u32 {
        u32::try_from(self.size.div_ceil(self.part_size).max(1)).unwrap_or(u32::MAX)
    }

    /// Part `n`'s first byte (counted from 0) and its length; `n` is 1 to `count()`.
    pub fn range(&self, n: u32) -> (u64, u64) {
        let offset = u64::from(n - 1) * self.part_size;
        (offset, self.part_size.min(self.size - offset))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_cover_the_file_exactly() {
        const MIB: u64 = 1 << 20;
        for (size, part_size) in [
            (0, 5 * MIB),
            (1, 5 * MIB),
            (5 * MIB, 5 * MIB),
            (11 * MIB + 7, 5 * MIB),
        ] {
            let parts = FileParts { size, part_size };
            let mut next = 0;
            for n in 1..=parts.count() {
                let (offset, length) = parts.range(n);
                assert_eq!(offset, next, "{size} {n}");
                assert!(length == part_size || (n == parts.count() && length < part_size));
                next += length;
            }
            assert_eq!(next, size);
        }
        assert_eq!(
            FileParts {
                size: 11 * MIB + 7,
                part_size: 5 * MIB
            }
            .count(),
            3
        );
        assert_eq!(
            FileParts {
                size: 0,
                part_size: 5 * MIB
            }
            .count(),
            1
        );
    }
}
