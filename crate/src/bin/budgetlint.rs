//! The command line: `budgetlint check FILE… [--format text|json]`, `budgetlint rules`.
//! Exit 0 when no errors, 1 when errors were found, 2 on usage or unreadable input.

use budgetlint::{check, output, ruledocs, rules, Input, Lang, Level, Options};
use std::io::Read;
use std::process::ExitCode;

const USAGE: &str = "用法 / usage:
  budgetlint check FILE... [--format text|json] [--lang zh|en] [--config FILE]
                   [--disable RULE|FAMILY[,...]] [--severity RULE|FAMILY=error|warning|info|off]
                   [--rounding round|round-or-truncate]
  budgetlint rules [--format text|json]
  budgetlint explain RULE [--format text|json]
  --config FILE 为 JSON 选项文件（格式见 README）/ a JSON options file (format in README);
  命令行选项在其后生效 / command-line options apply on top of it
  FILE 为 - 时读标准输入 / FILE - reads standard input
退出码 / exit: 0 无错误 no errors, 1 有错误 errors found, 2 用法或输入错误 usage or unreadable input";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("budgetlint: {msg}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

#[derive(PartialEq)]
enum Format {
    Text,
    Json,
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let Some(cmd) = args.first() else {
        return Err("缺少命令 / missing command".into());
    };
    let mut files = Vec::new();
    let mut format = Format::Text;
    let mut options = Options::default();
    let mut i = 1;
    while i < args.len() {
        let a = &args[i];
        let mut value = |name: &str| -> Result<String, String> {
            i += 1;
            args.get(i).cloned().ok_or(format!("{name} 需要一个值 / {name} needs a value"))
        };
        match a.as_str() {
            "--format" | "-f" => {
                format = match value("--format")?.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    f => return Err(format!("未知格式 / unknown format: {f}")),
                }
            }
            "--lang" => {
                options.lang = match value("--lang")?.as_str() {
                    "zh" => Lang::Zh,
                    "en" => Lang::En,
                    l => return Err(format!("未知语言 / unknown language: {l}")),
                }
            }
            "--disable" => options.disable.extend(value("--disable")?.split(',').map(str::to_owned)),
            "--config" => {
                let path = value("--config")?;
                let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
                let mut from_file: Options = serde_json::from_str(&text)
                    .map_err(|e| format!("配置文件无效 / invalid config file {path}: {e}"))?;
                // Options given before --config on the command line still apply.
                from_file.disable.append(&mut options.disable);
                from_file.severity.append(&mut options.severity);
                options = from_file;
            }
            "--severity" => {
                let v = value("--severity")?;
                let (rule, level) =
                    v.split_once('=').ok_or(format!("--severity 需要 RULE=LEVEL / expects RULE=LEVEL: {v}"))?;
                let level = Level::parse(level)
                    .ok_or(format!("未知严重程度 / unknown severity: {level} (error|warning|info|off)"))?;
                options.severity.insert(rule.to_owned(), level);
            }
            "--rounding" => {
                options.rounding = serde_json::from_value(serde_json::Value::String(value("--rounding")?))
                    .map_err(|e| e.to_string())?
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            _ if a.starts_with("--") => return Err(format!("未知选项 / unknown option: {a}")),
            _ => files.push(a.clone()),
        }
        i += 1;
    }
    match cmd.as_str() {
        "check" => check_files(&files, &format, &options),
        // Development aid: how the tables were understood.
        "tables" => {
            for f in &files {
                let bytes = std::fs::read(f).map_err(|e| format!("{f}: {e}"))?;
                print!("{}", budgetlint::output::tables_dump(&bytes));
            }
            Ok(ExitCode::SUCCESS)
        }
        // Development aid: the table facts the narrative and cross-table rules compare.
        "facts" => {
            for f in &files {
                let bytes = std::fs::read(f).map_err(|e| format!("{f}: {e}"))?;
                let doc = budgetlint::ingest::read_bytes(&bytes);
                let d = budgetlint::structure::analyse(&doc);
                for x in budgetlint::facts::table_facts::collect(&d) {
                    let t = &d.tables[x.table];
                    println!(
                        "#{} r{} c{} {}:{} {:?} {:?} = {} {}",
                        x.table,
                        x.row,
                        x.col,
                        x.scope,
                        x.measure,
                        x.key,
                        x.period,
                        t.cell_text(x.row, x.col).trim(),
                        x.row_name
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        // Development aid: the input as the readers rendered it (what line numbers refer to).
        "render" => {
            for f in &files {
                let bytes = std::fs::read(f).map_err(|e| format!("{f}: {e}"))?;
                let doc = budgetlint::ingest::read_bytes(&bytes);
                for (i, l) in doc.lines.iter().enumerate() {
                    println!("{:5} {l}", i + 1);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        "rules" => {
            list_rules(&format);
            Ok(ExitCode::SUCCESS)
        }
        "explain" => {
            let [id] = files.as_slice() else {
                return Err("explain 需要一个规则编号 / explain needs one rule id".into());
            };
            let Some(info) = rules::rule(id) else {
                return Err(format!("未知规则 / unknown rule: {id} (budgetlint rules)"));
            };
            if format == Format::Json {
                let doc = ruledocs::parse(info)?;
                println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
            } else {
                print!("{}", ruledocs::explain(id).unwrap_or_default());
            }
            Ok(ExitCode::SUCCESS)
        }
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        "--version" | "version" => {
            println!("budgetlint {}", budgetlint::VERSION);
            Ok(ExitCode::SUCCESS)
        }
        c => Err(format!("未知命令 / unknown command: {c}")),
    }
}

fn check_files(files: &[String], format: &Format, options: &Options) -> Result<ExitCode, String> {
    if files.is_empty() {
        return Err("请给出要检查的文件 / no input files".into());
    }
    let mut reports = Vec::new();
    let mut unreadable = false;
    for f in files {
        let bytes = if f == "-" {
            let mut b = Vec::new();
            std::io::stdin().read_to_end(&mut b).map(|_| b)
        } else {
            std::fs::read(f)
        };
        match bytes {
            Ok(b) => reports.push((f.clone(), check(Input::Bytes(&b), options))),
            Err(e) => {
                eprintln!("budgetlint: 无法读取 {f}：{e} / cannot read {f}: {e}");
                unreadable = true;
            }
        }
    }
    match format {
        Format::Json => {
            if reports.len() == 1 && files.len() == 1 {
                println!("{}", output::json(&reports[0].1));
            } else {
                let rs: Vec<_> = reports.iter().map(|(_, r)| r.clone()).collect();
                println!("{}", output::json_many(&rs));
            }
        }
        Format::Text => {
            for (f, r) in &reports {
                print!("{}", output::text(f, r));
                println!("{}", output::summary_line(f, r, options.lang));
            }
        }
    }
    if unreadable {
        return Ok(ExitCode::from(2));
    }
    Ok(if reports.iter().any(|(_, r)| r.has_errors()) { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn list_rules(format: &Format) {
    if *format == Format::Json {
        let v: Vec<_> = rules::all_rules().collect();
        println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        return;
    }
    for r in rules::all_rules() {
        println!("{:<22} {:<8} {}", r.id, r.severity.as_str(), r.title_zh);
    }
}
