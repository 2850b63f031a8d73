//! Casting: which voice speaks each role of an episode, from the settings and the voices the
//! engine has.
//!
//! Quotations get `--quote-voice`, else a contrasting voice of the narrator's engine and
//! language (a male narrator gets a female voice and the other way round); other languages get
//! `[voice.languages]`, else the engine's voice for that language; the hosts of a dialogue script
//! get `[speakers]` / `--speaker`, else distinct voices of the engine. Every choice readcast makes
//! is named on stderr once; a voice the user named that does not exist stops the run before
//! anything is spoken.

use std::collections::{BTreeMap, HashSet};
use std::sync::Mutex;

use crate::clean::Article;
use crate::config::{Config, QuoteVoice};
use crate::script::dialogue::speaker_key;
use crate::script::language::language_code;
use crate::script::quotes::{QuoteCarry, find_quotations};
use crate::script::{Role, Script, is_english_voice};
use crate::segment::{Casting, VoiceSettings};
use crate::synth::{Backend, SynthError, Voice, VoiceSet};

/// The languages a narrator hands on to a voice of their own, when the engine has one.
/// English is among them for a narrator of another language.
const LANGUAGES: [&str; 10] = ["en", "de", "fr", "es", "it", "pt", "nl", "hi", "ja", "zh"];

/// Kokoro voices tried first as a contrasting voice: the best measured of each accent and
/// gender (Distill-MOS, docs/voice-quality.md).
const KOKORO_PREFERRED: [&str; 4] = ["am_michael", "af_heart", "bm_fable", "bf_emma"];

/// The voices of a run, before the articles are known: each article's hosts are cast when it is.
pub struct VoicePlan {
    /// Narrator, quotations, languages and the hosts the settings name.
    pub casting: Casting,
    /// The narrator's language (ISO 639-1), when known: text in any other goes to its own voice.
    pub home_language: Option<&'static str>,
    /// Voices for hosts nobody named, in the order they are handed out.
    spare: Vec<String>,
    /// The quote voice was chosen here, not named by the user: say which, when it is used.
    quote_chosen: bool,
    /// Quotations were wanted but the engine has no second voice: say so, when there are some.
    quote_missing: bool,
    quiet: bool,
    said: Mutex<HashSet<String>>,
}

impl VoicePlan {
    /// Cast the run's voices; a voice named in the settings that the engine lacks is the error.
    pub fn new(config: &Config, voices: &VoiceSet) -> Result<VoicePlan, SynthError> {
        let listed = voices.voices().unwrap_or_default();
        let narrator = voices.voice().to_string();
        let engine = voices.name();
        let quote = match &config.quote_voice {
            QuoteVoice::Off => None,
            QuoteVoice::Named(name) => Some(checked(voices, name)?),
            QuoteVoice::Auto => contrasting(engine, &narrator, &listed),
        };
        // Only an engine that lists its voices can be said to lack a second one (a `command`
        // engine lists none: it speaks as it is told).
        let quote_missing = config.quote_voice == QuoteVoice::Auto && quote.is_none() && !listed.is_empty();
        let mut languages = default_languages(&listed);
        for (code, voice) in &config.language_voices {
            languages.insert(code.to_lowercase(), checked(voices, voice)?);
        }
        let mut speakers = BTreeMap::new();
        for (name, voice) in &config.speakers {
            speakers.insert(speaker_key(name), checked(voices, voice)?);
        }
        let mut spare = vec![narrator.clone()];
        spare.extend(contrasting(engine, &narrator, &listed));
        for voice in same_language(engine, &narrator, &listed) {
            if !spare.contains(&voice) {
                spare.push(voice);
            }
        }
        Ok(VoicePlan {
            home_language: home_language(&narrator, &listed),
            casting: Casting {
                narrator: VoiceSettings { backend: engine.to_string(), voice: narrator, rate: config.rate },
                quote,
                languages,
                speakers,
            },
            spare,
            quote_chosen: config.quote_voice == QuoteVoice::Auto,
            quote_missing,
            quiet: config.quiet,
            said: Mutex::new(HashSet::new()),
        })
    }

    /// One voice for every role: quotations and languages are not looked for, and every host is
    /// the narrator (the system speech of `readcast speak`).
    pub fn narrator_only(config: &Config, narrator: VoiceSettings) -> VoicePlan {
        VoicePlan {
            home_language: home_language(&narrator.voice, &[]),
            casting: Casting::narrator_only(narrator.clone()),
            spare: vec![narrator.voice],
            quote_chosen: false,
            quote_missing: false,
            quiet: config.quiet,
            said: Mutex::new(HashSet::new()),
        }
    }

    /// Print a note on stderr, once per run.
    pub fn say(&self, note: &str) {
        let mut said = self.said.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if !self.quiet && said.insert(note.to_string()) {
            eprintln!("readcast: {note}");
        }
    }

    /// Say that `article`'s quotations stay with the narrator when the engine has no voice to
    /// give them (a Piper install with a single voice), so a listener knows why.
    pub fn note_unvoiced_quotations(&self, article: &Article) {
        if !self.quote_missing {
            return;
        }
        let mut carry = QuoteCarry::default();
        let quoted = article.blocks.iter().any(|block| {
            if block.heading {
                carry = QuoteCarry::default();
                return false;
            }
            block.quote || !find_quotations(&block.text, &mut carry).is_empty()
        });
        if quoted {
            self.say(&format!(
                "no second {} voice for quotations: the narrator reads them (install another voice, or --quote-voice NAME)",
                self.casting.narrator.backend
            ));
        }
    }

    /// Whether `script` is a dialogue whose labels name none of the hosts the settings give
    /// (with no hosts given, any labels will do).
    pub fn unknown_hosts(&self, script: &Script) -> bool {
        if self.casting.speakers.is_empty() {
            return false;
        }
        let mut hosts = script
            .sections
            .iter()
            .flat_map(|s| s.paragraphs.iter())
            .flat_map(|p| p.sentences.iter())
            .filter_map(|unit| match &unit.role {
                Role::Speaker(name) => Some(speaker_key(name)),
                _ => None,
            })
            .peekable();
        hosts.peek().is_some() && hosts.all(|name| !self.casting.speakers.contains_key(&name))
    }

    /// The casting of one article: its hosts without a voice of their own get distinct voices,
    /// and a language without a voice is noted.
    pub fn cast(&self, script: &Script) -> Casting {
        let mut casting = self.casting.clone();
        let roles = script.sections.iter().flat_map(|s| s.paragraphs.iter()).flat_map(|p| p.sentences.iter());
        let named: Vec<String> = casting.speakers.values().cloned().collect();
        let mut spare = self.spare.iter().filter(|v| !named.contains(v));
        for unit in roles {
            match &unit.role {
                Role::Speaker(name) if !casting.speakers.contains_key(&speaker_key(name)) => {
                    if let Some(voice) = spare.next() {
                        casting.speakers.insert(speaker_key(name), voice.clone());
                        self.say(&format!("{name} speaks in voice {voice} (--speaker {name}=VOICE to choose)"));
                    } else {
                        self.say(&format!("no voice left for {name}: the narrator reads their lines"));
                    }
                }
                Role::Quote if self.quote_chosen => self.say(&format!(
                    "quotations in voice {}, the narrator's in {} (--quote-voice NAME, or none)",
                    casting.voice_for(&Role::Quote),
                    casting.narrator.voice
                )),
                Role::Language(code) if !casting.languages.contains_key(code) => self.say(&format!(
                    "no {} voice for text in language {code}: the narrator reads it ([voice.languages] {code} = \"VOICE\")",
                    casting.narrator.backend
                )),
                _ => {}
            }
        }
        casting
    }
}

/// A voice named in the settings, made and checked now, so a typo stops the run at once.
fn checked(voices: &VoiceSet, name: &str) -> Result<String, SynthError> {
    if name != voices.voice() {
        voices.member(name)?;
    }
    Ok(name.to_string())
}

/// A voice of the other gender in the narrator's engine and language.
fn contrasting(engine: &str, narrator: &str, listed: &[Voice]) -> Option<String> {
    if engine == "espeak-ng" {
        // espeak-ng's variants change any voice's gender: `en-us+f3` is a woman's en-us.
        return Some(match narrator.split_once('+') {
            Some((base, variant)) if variant.starts_with('f') => base.to_string(),
            Some((base, _)) => format!("{base}+f3"),
            None => format!("{narrator}+f3"),
        });
    }
    let me = listed.iter().find(|v| v.name == first_part(narrator))?;
    let gender = me.gender.as_deref()?;
    let others: Vec<&Voice> = listed
        .iter()
        .filter(|v| v.language == me.language && v.gender.as_deref().is_some_and(|g| g != gender))
        .collect();
    let preferred = KOKORO_PREFERRED.iter().find(|p| others.iter().any(|v| v.name == **p));
    preferred.map(|p| p.to_string()).or_else(|| others.first().map(|v| v.name.clone()))
}

/// The other voices of the narrator's language, for more hosts.
fn same_language(engine: &str, narrator: &str, listed: &[Voice]) -> Vec<String> {
    if engine == "espeak-ng" {
        let base = narrator.split('+').next().unwrap_or(narrator);
        return ["m3", "f2", "m7", "f4"].iter().map(|variant| format!("{base}+{variant}")).collect();
    }
    let Some(me) = listed.iter().find(|v| v.name == first_part(narrator)) else { return Vec::new() };
    let mut voices: Vec<&Voice> = listed.iter().filter(|v| v.language == me.language && v.name != me.name).collect();
    // Alternate genders, so a third host differs from the second as much as the second does
    // from the first.
    voices.sort_by_key(|v| (v.gender.as_deref() == me.gender.as_deref(), v.name.clone()));
    voices.into_iter().map(|v| v.name.clone()).collect()
}

/// The narrator's language: the code of its listed language (Kokoro's `en-US`, Piper's
/// `de_DE`), else of its name (espeak-ng's `fr-fr`, `en-us+f3`), else English for a voice
/// [`is_english_voice`] knows. `None` for a language the detector does not know.
fn home_language(narrator: &str, listed: &[Voice]) -> Option<&'static str> {
    let name = first_part(narrator).split('+').next().unwrap_or(narrator);
    let listed_language = listed.iter().find(|v| v.name == name).and_then(|v| language_code(&v.language));
    listed_language.or_else(|| language_code(name)).or_else(|| is_english_voice(narrator).then_some("en"))
}

/// The engine's own voice for each language it has one for.
fn default_languages(listed: &[Voice]) -> BTreeMap<String, String> {
    LANGUAGES.iter().filter_map(|code| Some((code.to_string(), voice_for_language(listed, code)?))).collect()
}

/// The voice that speaks `code` best by its name or its language: espeak-ng's `de`, `fr-fr` or
/// `en-us` (the language's home variety before `fr-be` or `en-029`), then a voice whose language is `code`
/// (Kokoro's `ff_siwis` is `fr-FR`; for English its best-measured voices first), then one named
/// after it (Piper's `de_DE-…`); the first listed of equals.
fn voice_for_language(listed: &[Voice], code: &str) -> Option<String> {
    let of = |text: &str| {
        let text = text.to_ascii_lowercase();
        text == code || text.strip_prefix(code).is_some_and(|rest| rest.starts_with(['-', '_']))
    };
    let rank = |v: &Voice| {
        let best_measured = KOKORO_PREFERRED.contains(&v.name.as_str()) && of(&v.language);
        let home_variety = v.name == code || v.name == format!("{code}-{code}") || code == "en" && v.name == "en-us";
        if home_variety || best_measured {
            Some(0)
        } else if of(&v.language) {
            Some(1)
        } else if of(&v.name) {
            Some(2)
        } else {
            None
        }
    };
    listed.iter().filter_map(|v| Some((rank(v)?, v))).min_by_key(|(rank, _)| *rank).map(|(_, v)| v.name.clone())
}

/// The first voice of a Kokoro blend (`af_heart:0.6,af_bella:0.4`), or the voice itself.
fn first_part(voice: &str) -> &str {
    voice.split([',', ':']).next().unwrap_or(voice)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn voice(name: &str, language: &str, gender: &str) -> Voice {
        Voice { name: name.into(), language: language.into(), gender: Some(gender.into()) }
    }

    #[test]
    fn a_contrasting_voice_has_the_other_gender_and_the_same_language() {
        let listed = [
            voice("af_heart", "en-US", "female"),
            voice("am_adam", "en-US", "male"),
            voice("am_michael", "en-US", "male"),
            voice("bm_george", "en-GB", "male"),
            voice("bf_emma", "en-GB", "female"),
        ];
        assert_eq!(contrasting("kokoro", "af_heart", &listed).as_deref(), Some("am_michael"));
        assert_eq!(contrasting("kokoro", "am_adam", &listed).as_deref(), Some("af_heart"));
        assert_eq!(contrasting("kokoro", "bf_emma", &listed).as_deref(), Some("bm_george"), "bm_fable not listed");
        assert_eq!(contrasting("kokoro", "af_heart:0.5,af_bella:0.5", &listed).as_deref(), Some("am_michael"));
        assert_eq!(contrasting("espeak-ng", "en-us", &[]).as_deref(), Some("en-us+f3"));
        assert_eq!(contrasting("espeak-ng", "en-us+f2", &[]).as_deref(), Some("en-us"));
        // One voice only (a single Piper voice): nobody to contrast with.
        assert_eq!(contrasting("piper", "en_US-joe-medium", &[voice("en_US-joe-medium", "en_US", "male")]), None);
    }

    #[test]
    fn the_narrators_language_comes_from_its_listing_or_its_name() {
        let kokoro = [voice("ff_siwis", "fr-FR", "female"), voice("af_heart", "en-US", "female")];
        assert_eq!(home_language("ff_siwis", &kokoro), Some("fr"));
        assert_eq!(home_language("af_heart:0.6,af_bella:0.4", &kokoro), Some("en"));
        assert_eq!(
            home_language("de_DE-thorsten-medium", &[voice("de_DE-thorsten-medium", "de_DE", "male")]),
            Some("de")
        );
        // espeak-ng lists a language's name, not its code: the voice's name tells.
        assert_eq!(home_language("fr-fr+f3", &[voice("fr-fr", "French (France)", "male")]), Some("fr"));
        assert_eq!(home_language("en-us", &[]), Some("en"));
        assert_eq!(home_language("sw", &[]), None, "a language the detector does not know");
    }

    #[test]
    fn languages_go_to_the_engines_own_voices() {
        let listed = [voice("af_heart", "en-US", "female"), voice("ff_siwis", "fr-FR", "female")];
        let kokoro = default_languages(&listed);
        assert_eq!(kokoro.get("fr").map(String::as_str), Some("ff_siwis"));
        assert!(!kokoro.contains_key("es"), "ef_dora is not installed");
        // espeak-ng lists fr-be before fr-fr, and es-419 beside es: the home variety is taken.
        let espeak = [
            voice("de", "German", "male"),
            voice("es", "Spanish (Spain)", "male"),
            voice("es-419", "Spanish (Latin America)", "male"),
            voice("fr-be", "French (Belgium)", "male"),
            voice("fr-fr", "French (France)", "male"),
            voice("en-us", "English", "male"),
        ];
        let espeak = default_languages(&espeak);
        assert_eq!(espeak.get("de").map(String::as_str), Some("de"));
        assert_eq!(espeak.get("fr").map(String::as_str), Some("fr-fr"));
        assert_eq!(espeak.get("es").map(String::as_str), Some("es"));
        // English, for a narrator of another language: espeak-ng's en-us, Kokoro's best measured.
        assert_eq!(espeak.get("en").map(String::as_str), Some("en-us"));
        let kokoro = [voice("af_alloy", "en-US", "female"), voice("af_heart", "en-US", "female")];
        assert_eq!(default_languages(&kokoro).get("en").map(String::as_str), Some("af_heart"));
        // A Piper voice by its name or its config's language.
        let piper = [voice("en_US-joe-medium", "en_US", "male"), voice("de_DE-thorsten-medium", "de_DE", "male")];
        assert_eq!(default_languages(&piper).get("de").map(String::as_str), Some("de_DE-thorsten-medium"));
        assert!(!default_languages(&piper).contains_key("fr"));
    }
}
