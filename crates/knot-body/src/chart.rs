//! The body chart (being written).
