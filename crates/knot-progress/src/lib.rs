//! `knot-progress`: what the diary and sessions say about change over weeks and months.

#![forbid(unsafe_code)]
