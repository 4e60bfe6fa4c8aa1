//! The altool-style search for `AuthKey_<KEYID>.p8` when no key is given.

use std::path::{Path, PathBuf};

/// The folders searched, in order: `./private_keys`, `~/private_keys`,
/// `~/.private_keys`, `~/.appstoreconnect/private_keys` (the last three only with a home).
pub fn search_dirs(cwd: &Path, home: Option<&Path>) -> Vec<PathBuf> {
    let mut dirs = vec![cwd.join("private_keys")];
    if let Some(home) = home {
        dirs.extend([
            home.join("private_keys"),
            home.join(".private_keys"),
            home.join(".appstoreconnect").join("private_keys"),
        ]);
    }
    dirs
}

/// The file name Apple gives a key: `AuthKey_<KEYID>.p8`.
pub fn file_name(key_id: &str) -> String {
    format!("AuthKey_{key_id}.p8")
}

/// The first `AuthKey_<key_id>.p8` in [`search_dirs`], if any. Key IDs that are not
/// plain letters and digits are never looked up (they could name other paths).
pub fn find(key_id: &str, cwd: &Path, home: Option<&Path>) -> Option<PathBuf> {
    if key_id.is_empty() || !key_id.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    search_dirs(cwd, home)
        .into_iter()
        .map(|dir| dir.join(file_name(key_id)))
        .find(|path| path.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh folder under the system temp dir, removed on drop.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Scratch {
            let path = std::env::temp_dir().join(format!("asc-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&path);
            std::fs::create_dir_all(&path).expect("temp dir");
            Scratch(path)
        }

        fn put(&self, relative: &str) -> PathBuf {
            let path = self.0.join(relative);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("dirs");
            std::fs::write(&path, "key").expect("write");
            path
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn searches_in_altools_order() {
        let cwd = Scratch::new("lookup-cwd");
        let home = Scratch::new("lookup-home");
        assert_eq!(find("ABC123", &cwd.0, Some(&home.0)), None);
        let last = home.put(".appstoreconnect/private_keys/AuthKey_ABC123.p8");
        assert_eq!(find("ABC123", &cwd.0, Some(&home.0)), Some(last));
        let dotted = home.put(".private_keys/AuthKey_ABC123.p8");
        assert_eq!(find("ABC123", &cwd.0, Some(&home.0)), Some(dotted));
        let plain = home.put("private_keys/AuthKey_ABC123.p8");
        assert_eq!(find("ABC123", &cwd.0, Some(&home.0)), Some(plain));
        let local = cwd.put("private_keys/AuthKey_ABC123.p8");
        assert_eq!(find("ABC123", &cwd.0, Some(&home.0)), Some(local.clone()));
        assert_eq!(find("ABC123", &cwd.0, None), Some(local));
        assert_eq!(find("OTHER1", &cwd.0, Some(&home.0)), None);
        assert_eq!(search_dirs(&cwd.0, None).len(), 1);
    }

    #[test]
    fn odd_key_ids_are_not_looked_up() {
        let cwd = Scratch::new("lookup-odd");
        cwd.put("private_keys/AuthKey_../x.p8");
        assert_eq!(find("../x", &cwd.0, None), None);
        assert_eq!(find("", &cwd.0, None), None);
    }
}
