//! madoguchi: a static site generator for a city's child developmental-support network.
//!
//! The pipeline, one module per stage:
//! load → validate → sitemodel (resolve references, choose language) → render → output,
//! run for each command in `pipeline` over the outputs listed in `outputs`.
//! See ARCHITECTURE.md for the map.

#![warn(unreachable_pub)]
#![warn(missing_docs)]

pub mod check;
pub mod diag;
pub mod error;
pub mod export;
pub mod freshness;
pub mod handout;
pub mod i18n;
pub mod incremental;
pub mod load;
pub(crate) mod markdown;
pub mod model;
pub mod output;
pub mod outputs;
pub mod pipeline;
pub mod progress;
pub(crate) mod qr;
pub mod readability;
pub mod render;
pub(crate) mod review;
pub mod routes;
pub mod ruby;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod sitemodel;
pub(crate) mod text;
pub(crate) mod validate;
pub(crate) mod yaml;

pub use error::{BuildError, Error};
pub use pipeline::{BuildOptions, BuildReport, build, check};

/// Picks the pages a render produces (`serve` re-renders only what an edit touched).
pub(crate) type Select<'a> = dyn Fn(model::Lang, &sitemodel::PageSpec) -> bool + Sync + 'a;
