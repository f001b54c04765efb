//! Files the moving commands write and read: written whole or not at all (a `.partial` file
//! beside the target, flushed to disk, then renamed over it), readable by the owner alone, and
//! read with a message that names the file when it cannot be.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::failure::{bad_input, Failure};

/// Writes `bytes` to `path` atomically with mode 0600: a crash leaves the old file or the new
/// one, never half of it.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let partial = partial_path(path);
    let result = (|| -> anyhow::Result<()> {
        let mut options = OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options
            .open(&partial)
            .with_context(|| format!("cannot write {}", partial.display()))?;
        file.write_all(bytes)
            .and_then(|()| file.sync_all())
            .with_context(|| format!("cannot write {}", partial.display()))?;
        fs::rename(&partial, path)
            .with_context(|| format!("cannot move {} to {}", partial.display(), path.display()))?;
        if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            // The rename is durable once the directory is flushed too.
            File::open(dir).and_then(|dir| dir.sync_all()).ok();
        }
        Ok(())
    })();
    if result.is_err() {
        fs::remove_file(&partial).ok();
    }
    // Where the file goes is the person's choice: a missing directory or one they may not
    // write to is theirs to fix (exit 2), with the reason the system gave.
    result.map_err(|err| {
        bad_input(format!(
            "{err:#}; check that the directory exists and that you may write there"
        ))
    })
}

/// Creates `dir` (and its parents) readable by the owner alone (0700), or accepts it when it is
/// already a directory; anything else there is the person's to fix (exit 2).
pub fn create_private_dir(dir: &Path) -> Result<(), Failure> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|err| {
        bad_input(format!(
            "cannot make the directory {}: {err}; give a directory you may write to",
            dir.display()
        ))
    })
}

/// Reads a whole file, with a message that says which file and what to check.
pub fn read(path: &Path, what: &str) -> Result<Vec<u8>, Failure> {
    fs::read(path).map_err(|err| {
        bad_input(format!(
            "cannot read the {what} {}: {err}; check the path",
            path.display()
        ))
    })
}

fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    path.with_file_name(name)
}
