//! The line model's weights, written by `scripts/train-lines.py`; do not edit by hand.
//! Each feature is standardized (minus its mean, over its scale) and weighted; a judged unit is
//! read when its logit, smoothed with its judged neighbours' (share `SMOOTH`), reaches `THRESHOLD`
//! (the rules' verdict stands unless the logit is `MARGIN` past it the other way).

use super::line_model::FEATURES;

pub const BIAS: f32 = 0.223589;
pub const THRESHOLD: f32 = 0.0;
pub const SMOOTH: f32 = 0.0;
pub const MARGIN: f32 = 1.0;
/// The tail of the article's run whose mean logit is under `TAIL_MEAN` (`TAIL_UNITS` judged units
/// or more) is dropped (`line_model::cut_tail`).
pub const TAIL_MEAN: f32 = 0.0;
pub const TAIL_UNITS: usize = 4;
#[rustfmt::skip]
pub const MEANS: [f32; FEATURES] = [2.47298, 0.468866, 0.29965, 0.454264, 0.00242788, 0.422594, 0.029074, 0.0104256, 0.478006, 0.368038, 0.465581, 0.546558, 0.00142816, 0.528992, 0.386033, 0.0552699, 0.0297058, 0.00185661, 0.514853, 0.0382748, 0.446872, 1.54593, 0.0212796, 0.569469, 0.999, 3.4806, 0.0556924, 0.329975, 0.0315624, 0.193373, 0.200514, 0.40974, 0.420594, 2.30385, 2.28954, 0.224036, 0.463803, 0.0359435, 0.0107112, 0.0956869, 0.0395717, 0.00453947, 0.261136, 0.035397];
#[rustfmt::skip]
pub const SCALES: [f32; FEATURES] = [1.12341, 0.49903, 0.217291, 0.373335, 0.0492136, 0.493972, 0.0800127, 0.101572, 0.499516, 0.482272, 0.498814, 0.497828, 0.0377641, 0.499159, 0.486838, 0.228506, 0.169774, 0.0430484, 0.499779, 0.191859, 0.497169, 1.78023, 0.144315, 0.22957, 0.0316025, 1.04717, 0.128088, 0.308249, 0.174832, 0.394943, 0.400385, 0.491786, 0.493654, 1.16665, 1.18998, 0.258768, 0.424684, 0.0517369, 0.102939, 0.294161, 0.185081, 0.0285837, 0.334642, 0.172811];
#[rustfmt::skip]
pub const WEIGHTS: [f32; FEATURES] = [-0.628759, 0.187239, 0.446674, 0.0880692, -0.150142, 0.29977, 0.258238, -0.296635, -0.159974, 0.141123, 0.817837, 0.421438, 0.0522453, 0.111052, 0.0296118, -0.0346352, -0.364804, -0.116784, -0.161553, 0.0753394, 0.133328, 0.081574, -0.0839908, -0.675658, -0.17874, 0.0893877, 0.206102, 0.742274, -0.268877, 0.0141406, -0.163965, 0.166853, -0.0253312, 0.200426, 0.366664, -0.408519, 0.657092, 1.13697, 0.195061, -0.136753, -0.221281, 0.337242, 0.571676, -0.0186179];
