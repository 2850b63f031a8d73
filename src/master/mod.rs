//! Master: the assembled episode becomes broadcast-ready PCM.
//!
//! Two streaming passes, so memory stays flat however long the episode is. The first pass
//! happens during assembly: every sample goes to a temporary spool file of floats while an
//! EBU R128 meter measures the integrated loudness. The second pass (driven by `encode::pass`)
//! reads the spool back, applies the one gain that reaches the target loudness and runs a
//! look-ahead true-peak limiter, so the peaks stay under the ceiling without clipping. Since the
//! limiter takes some loudness with the peaks, a trial over a sample of the episode measures
//! how much, and the gain makes up for it.

mod error;
mod gain;
mod limiter;
mod loudness;
mod plan;
mod spool;
mod trial;
mod true_peak;
mod voice_levels;

pub use error::MasterError;
pub use gain::{db_to_linear, linear_to_db, plan_gain, refine_gain, search_gain, secant_gain};
pub use limiter::Limiter;
pub use loudness::{LoudnessMeter, LoudnessReport, Measurement, finite};
pub use plan::{CEILING_MARGIN_DB, MasteringPlan};
pub use spool::{Spool, SpoolReader};
pub use trial::loudness_after_limiting;
pub use true_peak::TruePeakDetector;
pub use voice_levels::{MasterSettings, VoiceLevel, VoiceRange, level_voices};
