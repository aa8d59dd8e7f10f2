//! Where secrets come from: a flag or environment variable (clap resolves both), or a line of
//! standard input. Lines of standard input are handed out in the order they are asked for.

use crate::failure::Failure;
use qianming::Secret;
use std::io::BufRead;

/// Resolves one secret: from stdin when `from_stdin`, else from the flag/environment value.
pub fn resolve(name: &str, value: Option<String>, from_stdin: bool) -> Result<Secret, Failure> {
    if from_stdin {
        return read_stdin_line(name);
    }
    value.map(Secret::new).ok_or_else(|| {
        Failure::Usage(format!(
            "no {name}: give --{name}, its environment variable, or --{name}-stdin"
        ))
    })
}

fn read_stdin_line(name: &str) -> Result<Secret, Failure> {
    let mut line = String::new();
    let read = std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Failure::Usage(format!("cannot read the {name} from standard input: {e}")))?;
    if read == 0 {
        return Err(Failure::Usage(format!(
            "standard input ended before the {name} was read"
        )));
    }
    let trimmed = line.trim_end_matches(['\n', '\r']).len();
    line.truncate(trimmed);
    Ok(Secret::new(line))
}
