//! The API key: from flags, a fastlane-style key file, `ASC_*` variables, or the
//! `AuthKey_<KEYID>.p8` search, in that order.

use std::path::{Path, PathBuf};
use std::time::Duration;

use connector_runtime::auth::{
    ENTERPRISE_AUDIENCE, ENV_ISSUER_ID, ENV_KEY_ID, ENV_PRIVATE_KEY, ENV_PRIVATE_KEY_B64,
    ENV_PRIVATE_KEY_PATH,
};
use connector_runtime::{Credentials, PrivateKey};

use crate::config::{ConfigError, Env, Flags, value};
use crate::key_json::{self, KeyJson};
use crate::key_lookup;

/// Where the private key comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum KeySource {
    /// A key file, and what named it (for messages).
    File(PathBuf, String),
    /// PEM text, and what held it.
    Pem(String, String),
    /// Base64 of the key file or its DER, and what held it.
    Base64(String, String),
}

/// Resolves the credentials. `HOME` is read through `env`; `cwd` is the current folder.
pub fn resolve(flags: &Flags, env: Env<'_>, cwd: &Path) -> Result<Credentials, ConfigError> {
    let json = flags
        .api_key_json
        .as_deref()
        .map(key_json::load)
        .transpose()?;
    let key_id = nonempty(flags.key_id.clone())
        .or_else(|| json.as_ref().and_then(|j| nonempty(Some(j.key_id.clone()))))
        .or_else(|| value(env, ENV_KEY_ID))
        .ok_or(ConfigError::NoKeyId)?;
    let issuer_id = match (&flags.issuer_id, &json) {
        (Some(issuer), _) => nonempty(Some(issuer.clone())),
        (None, Some(json)) => nonempty(json.issuer_id.clone()),
        (None, None) => value(env, ENV_ISSUER_ID),
    };
    let source = key_source(flags, json.as_ref(), env, &key_id, cwd)?;
    let key = load(source)?;
    let credentials = match issuer_id {
        Some(issuer_id) => Credentials::team(key_id, issuer_id, key),
        None => Credentials::individual(key_id, key),
    };
    match &json {
        Some(json) => apply_options(credentials, json),
        None => Ok(credentials),
    }
}

/// The first key given: `--private-key-path`, the key file's `key`, `ASC_PRIVATE_KEY_PATH`,
/// `ASC_PRIVATE_KEY`, `ASC_PRIVATE_KEY_B64`, then `AuthKey_<KEYID>.p8` in the usual folders.
fn key_source(
    flags: &Flags,
    json: Option<&KeyJson>,
    env: Env<'_>,
    key_id: &str,
    cwd: &Path,
) -> Result<KeySource, ConfigError> {
    if let Some(path) = &flags.private_key_path {
        return Ok(KeySource::File(path.clone(), "--private-key-path".into()));
    }
    if let (Some(json), Some(path)) = (json, &flags.api_key_json) {
        let origin = format!("the key in `{}`", path.display());
        return Ok(if json.is_key_content_base64 {
            KeySource::Base64(json.key.clone(), origin)
        } else {
            KeySource::Pem(json.key.clone(), origin)
        });
    }
    if let Some(path) = value(env, ENV_PRIVATE_KEY_PATH) {
        return Ok(KeySource::File(path.into(), ENV_PRIVATE_KEY_PATH.into()));
    }
    if let Some(pem) = value(env, ENV_PRIVATE_KEY) {
        return Ok(KeySource::Pem(pem, ENV_PRIVATE_KEY.into()));
    }
    if let Some(b64) = value(env, ENV_PRIVATE_KEY_B64) {
        return Ok(KeySource::Base64(b64, ENV_PRIVATE_KEY_B64.into()));
    }
    let home = value(env, "HOME").map(PathBuf::from);
    match key_lookup::find(key_id, cwd, home.as_deref()) {
        Some(path) => {
            let origin = format!("{} (found by key ID)", path.display());
            Ok(KeySource::File(path, origin))
        }
        None => Err(ConfigError::NoKey {
            key_id: key_id.to_owned(),
            searched: key_lookup::search_dirs(cwd, home.as_deref())
                .iter()
                .map(|dir| dir.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// Loads the key, naming where it came from when it is unusable.
fn load(source: KeySource) -> Result<PrivateKey, ConfigError> {
    let (loaded, origin) = match source {
        KeySource::File(path, origin) => (PrivateKey::from_pem_file(path), origin),
        KeySource::Pem(text, origin) => (PrivateKey::from_pem(&text), origin),
        KeySource::Base64(text, origin) => (PrivateKey::from_base64(&text), origin),
    };
    loaded.map_err(|error| ConfigError::Key { origin, error })
}

/// `in_house` and `duration` of a fastlane key file.
fn apply_options(credentials: Credentials, json: &KeyJson) -> Result<Credentials, ConfigError> {
    let credentials = if json.in_house == Some(true) {
        credentials.with_audience(ENTERPRISE_AUDIENCE)
    } else {
        credentials
    };
    match json.duration {
        Some(seconds) => Ok(credentials.with_lifetime(Duration::from_secs(seconds))?),
        None => Ok(credentials),
    }
}

/// Trimmed, and `None` when empty.
fn nonempty(text: Option<String>) -> Option<String> {
    text.map(|text| text.trim().to_owned())
        .filter(|text| !text.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An environment of fixed pairs.
    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        }
    }

    #[test]
    fn flags_win_over_variables_for_the_key() {
        let env = env_of(&[
            (ENV_KEY_ID, "ENVKEY"),
            (ENV_PRIVATE_KEY_PATH, "/env/key.p8"),
        ]);
        let flags = Flags {
            private_key_path: Some("/flag/key.p8".into()),
            ..Flags::default()
        };
        let source = key_source(&flags, None, &env, "ENVKEY", Path::new("/")).unwrap();
        assert_eq!(
            source,
            KeySource::File("/flag/key.p8".into(), "--private-key-path".into())
        );
        let source = key_source(&Flags::default(), None, &env, "ENVKEY", Path::new("/")).unwrap();
        assert_eq!(
            source,
            KeySource::File("/env/key.p8".into(), ENV_PRIVATE_KEY_PATH.into())
        );
    }

    #[test]
    fn nothing_given_names_the_searched_folders() {
        let env = env_of(&[("HOME", "/nonexistent-home")]);
        let error = key_source(&Flags::default(), None, &env, "ABC", Path::new("/nowhere"))
            .unwrap_err()
            .to_string();
        assert!(error.contains("AuthKey_ABC.p8"), "{error}");
        assert!(
            error.contains("/nonexistent-home/.appstoreconnect/private_keys"),
            "{error}"
        );
        let missing = resolve(&Flags::default(), &env, Path::new("/")).unwrap_err();
        assert!(matches!(missing, ConfigError::NoKeyId));
    }
}
