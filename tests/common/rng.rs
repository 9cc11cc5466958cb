//! xorshift64*: a small, fast random sequence that is the same on every machine, with no
//! dependency. One copy, used by the fuzz test (`tests/fuzz_load.rs`, through `common`)
//! and the synthetic-site generator (`examples/synth.rs`, by path).

/// The generator's state; seed it with any non-zero number.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}
