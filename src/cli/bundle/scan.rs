//! Which lines of a module are top-level code: a lexical pass over comments,
//! strings, template literals, regular expressions and braces.

/// Lexical state at the start of each line: is it top-level code?
/// Tracks comments, strings, template literals (with `${}` nesting), regular
/// expression literals and brace depth. Also reports dynamic `import(`.
pub(super) fn top_level_lines(name: &str, src: &str) -> Result<Vec<bool>, String> {
    #[derive(PartialEq)]
    enum St {
        Code,
        Line,
        Block,
        Str(char),
        Template,
        Regex { class: bool },
    }
    let chars: Vec<char> = src.chars().collect();
    let mut st = St::Code;
    let mut depth: i64 = 0;
    // Brace depth at which each open `${` resumes its template.
    let mut templates: Vec<i64> = Vec::new();
    let mut out = vec![true];
    let mut line = 1;
    // Last significant code character, to tell a regex from a division.
    let mut prev: Option<char> = None;
    let mut prev_word = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\n' {
            // A string may go on past a line end only after a backslash.
            if let St::Str(_) = st {
                if i == 0 || chars[i - 1] != '\\' {
                    return Err(format!("{name}:{line}: unterminated string"));
                }
            }
            line += 1;
            if st == St::Line {
                st = St::Code;
            }
            out.push(st == St::Code && depth == 0 && templates.is_empty());
            i += 1;
            continue;
        }
        match st {
            St::Line => {}
            St::Block => {
                if c == '*' && next == Some('/') {
                    st = St::Code;
                    i += 1;
                }
            }
            St::Str(q) => {
                if c == '\\' && next != Some('\n') {
                    i += 1;
                } else if c == q {
                    st = St::Code;
                    prev = Some('"');
                }
            }
            St::Template => {
                if c == '\\' && next != Some('\n') {
                    i += 1;
                } else if c == '`' {
                    st = St::Code;
                    prev = Some('"');
                } else if c == '$' && next == Some('{') {
                    templates.push(depth);
                    depth += 1;
                    st = St::Code;
                    prev = Some('{');
                    i += 1;
                }
            }
            St::Regex { class } => {
                if c == '\\' {
                    i += 1;
                } else if c == '[' {
                    st = St::Regex { class: true };
                } else if c == ']' && class {
                    st = St::Regex { class: false };
                } else if c == '/' && !class {
                    st = St::Code;
                    prev = Some('"');
                }
            }
            St::Code => {
                if c.is_whitespace() {
                    i += 1;
                    continue;
                }
                match c {
                    '/' if next == Some('/') => st = St::Line,
                    '/' if next == Some('*') => {
                        st = St::Block;
                        i += 1;
                    }
                    '/' => {
                        let regex = match prev {
                            None => true,
                            Some(p) => {
                                "(,=:[!&|?{};+-*%<>~^".contains(p)
                                    || (p.is_alphanumeric()
                                        && matches!(
                                            prev_word.as_str(),
                                            "return" | "typeof" | "case" | "of" | "in" | "void"
                                        ))
                            }
                        };
                        if regex {
                            st = St::Regex { class: false };
                        } else {
                            prev = Some('/');
                        }
                    }
                    '\'' | '"' => st = St::Str(c),
                    '`' => st = St::Template,
                    '{' => {
                        depth += 1;
                        prev = Some(c);
                    }
                    '}' => {
                        depth -= 1;
                        if templates.last() == Some(&depth) {
                            templates.pop();
                            st = St::Template;
                        }
                        prev = Some(c);
                        if depth < 0 {
                            return Err(format!("{name}:{line}: unbalanced `}}`"));
                        }
                    }
                    _ => {
                        if c.is_alphanumeric() || c == '_' || c == '$' {
                            let start = i;
                            while i + 1 < chars.len()
                                && (chars[i + 1].is_alphanumeric()
                                    || chars[i + 1] == '_'
                                    || chars[i + 1] == '$')
                            {
                                i += 1;
                            }
                            prev_word = chars[start..=i].iter().collect();
                            let before_dot = start > 0 && chars[start - 1] == '.';
                            if prev_word == "import" && !before_dot {
                                let mut j = i + 1;
                                while j < chars.len() && chars[j].is_whitespace() {
                                    j += 1;
                                }
                                if chars.get(j) == Some(&'(') {
                                    return Err(format!(
                                        "{name}:{line}: dynamic import() cannot be bundled into one file; import statically"
                                    ));
                                }
                                if chars.get(j) == Some(&'.') {
                                    return Err(format!(
                                        "{name}:{line}: import.meta does not exist in the bundled page script; use document.baseURI or location"
                                    ));
                                }
                            }
                            prev = Some('a');
                        } else {
                            prev = Some(c);
                        }
                    }
                }
            }
        }
        i += 1;
    }
    if depth != 0 || st != St::Code && st != St::Line {
        return Err(format!(
            "{name}: unbalanced braces, or an unterminated comment, string or template"
        ));
    }
    Ok(out)
}
