//! A deterministic, realistic directory: the same `--seed-users N` always
//! gives the same users (presence times are relative to start-up).

use chrono::{DateTime, Duration, TimeZone, Utc};
use rusqlite::params;
use serde_json::json;

use crate::auth::{ADMIN_USERNAME, VIEWER_USERNAME};
use crate::db::Database;
use crate::model::format_time;

/// Names from several cultures: (as written, as ASCII for usernames).
const FIRST_NAMES: &[(&str, &str)] = &[
    ("Jane", "jane"),
    ("Sem", "sem"),
    ("Anouk", "anouk"),
    ("Lukas", "lukas"),
    ("Zoë", "zoe"),
    ("Mía", "mia"),
    ("José", "jose"),
    ("Chloé", "chloe"),
    ("François", "francois"),
    ("Søren", "soren"),
    ("Ingrid", "ingrid"),
    ("Małgorzata", "malgorzata"),
    ("Jiří", "jiri"),
    ("Ömer", "omer"),
    ("Ayşe", "ayse"),
    ("Yuki", "yuki"),
    ("Haruto", "haruto"),
    ("Wei", "wei"),
    ("Mei", "mei"),
    ("Ji-woo", "jiwoo"),
    ("Priya", "priya"),
    ("Arjun", "arjun"),
    ("Aisha", "aisha"),
    ("Omar", "omar"),
    ("Chinonso", "chinonso"),
    ("Amara", "amara"),
    ("Kwame", "kwame"),
    ("Thandiwe", "thandiwe"),
    ("João", "joao"),
    ("Beatriz", "beatriz"),
    ("Liam", "liam"),
    ("Olivia", "olivia"),
    ("Noah", "noah"),
    ("Emma", "emma"),
    ("Mateo", "mateo"),
    ("Sofía", "sofia"),
    ("Aleksandr", "aleksandr"),
    ("Olga", "olga"),
    ("Nguyễn", "nguyen"),
    ("Linh", "linh"),
    ("Kai", "kai"),
    ("Leilani", "leilani"),
    ("Dmitri", "dmitri"),
    ("Fatima", "fatima"),
    ("Hiroshi", "hiroshi"),
];

const LAST_NAMES: &[(&str, &str)] = &[
    ("Doe", "doe"),
    ("de Vries", "devries"),
    ("Jansen", "jansen"),
    ("Müller", "muller"),
    ("Schmidt", "schmidt"),
    ("García", "garcia"),
    ("Fernández", "fernandez"),
    ("Dubois", "dubois"),
    ("Lefèvre", "lefevre"),
    ("Nielsen", "nielsen"),
    ("Kowalska", "kowalska"),
    ("Novák", "novak"),
    ("Yılmaz", "yilmaz"),
    ("Tanaka", "tanaka"),
    ("Suzuki", "suzuki"),
    ("Wang", "wang"),
    ("Li", "li"),
    ("Kim", "kim"),
    ("Sharma", "sharma"),
    ("Patel", "patel"),
    ("Haddad", "haddad"),
    ("Al-Sayed", "alsayed"),
    ("Okafor", "okafor"),
    ("Mensah", "mensah"),
    ("Dlamini", "dlamini"),
    ("Silva", "silva"),
    ("Santos", "santos"),
    ("Smith", "smith"),
    ("O'Brien", "obrien"),
    ("Johnson", "johnson"),
    ("Rossi", "rossi"),
    ("Ivanov", "ivanov"),
    ("Petrova", "petrova"),
    ("Tran", "tran"),
    ("Kahananui", "kahananui"),
    ("Andersson", "andersson"),
    ("Nakamura", "nakamura"),
    ("Hernández", "hernandez"),
    ("Cohen", "cohen"),
];

const DOMAINS: &[&str] = &["example.com", "example.org", "example.net", "corp.example"];

pub const ROLES: &[(&str, &str)] = &[
    ("admin", "Full access to the directory and its settings"),
    ("auditor", "Reads audit trails and exports reports"),
    ("billing", "Manages invoices and payment settings"),
    ("developer", "Manages API clients and integrations"),
    ("support", "Helps users: resets access, edits profiles"),
    ("viewer", "Reads the directory"),
];

const GROUPS: &[&str] = &[
    "tw_admins",
    "tw_allUsers",
    "sales_emea",
    "sales_apac",
    "sales_americas",
    "support_tier1",
    "support_tier2",
    "engineering",
    "platform_oncall",
    "finance",
    "hr",
    "legal",
    "marketing",
    "design",
    "security_champions",
    "office_amsterdam",
    "office_berlin",
    "office_tokyo",
    "office_lagos",
    "office_sao_paulo",
    "office_bangalore",
    "newsletter",
    "beta_testers",
    "works_council",
    "wellbeing",
    "mentors",
    "tw_process_designers",
];

const TIME_ZONES: &[&str] = &[
    "Europe/Amsterdam",
    "Europe/Berlin",
    "Europe/London",
    "Europe/Madrid",
    "Europe/Warsaw",
    "Europe/Istanbul",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "America/Mexico_City",
    "Asia/Tokyo",
    "Asia/Seoul",
    "Asia/Shanghai",
    "Asia/Kolkata",
    "Asia/Dubai",
    "Asia/Ho_Chi_Minh",
    "Africa/Lagos",
    "Africa/Johannesburg",
    "Africa/Nairobi",
    "Australia/Sydney",
    "Pacific/Honolulu",
    "UTC",
];

const LOCALES: &[&str] = &[
    "en", "en-GB", "de", "nl", "fr", "es", "pt-BR", "ja", "ko", "zh-CN", "hi", "tr",
];

const STATUS_MESSAGES: &[&str] = &[
    "In a workshop",
    "Focus time",
    "On a call",
    "Back after lunch",
    "Travelling",
    "Out sick",
    "Reviewing Q4 plans",
];

/// The reference instant seeded login and creation times count back from.
fn reference_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0)
        .single()
        .expect("valid date")
}

/// splitmix64: small, fast and good enough for realistic-looking data.
struct Random(u64);

impl Random {
    fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// Seeds roles and `count` users (the first two are the accounts the dev
/// tokens sign in as) into an empty database.
pub fn seed(database: &Database, count: u64, now: DateTime<Utc>) -> rusqlite::Result<()> {
    let mut connection = database.lock();
    // A crash mid-seed leaves a database to delete, so skip the journal.
    connection.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")?;
    let transaction = connection.transaction()?;
    {
        let mut role = transaction
            .prepare("INSERT OR REPLACE INTO roles (name, description) VALUES (?1, ?2)")?;
        for (name, description) in ROLES {
            role.execute(params![name, description])?;
        }
        let mut user = transaction.prepare(
            "INSERT INTO users (seq, id, username, full_name, email, active, time_zone, memberships, preferences,
                                last_login_at, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        let mut user_role =
            transaction.prepare("INSERT INTO user_roles (role, user_seq) VALUES (?1, ?2)")?;
        let mut presence = transaction.prepare(
            "INSERT INTO presence (user_seq, state, dnd_until, status_message, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let reference = reference_time();
        let pairs = (FIRST_NAMES.len() * LAST_NAMES.len()) as u64;
        for seq in 1..=count.max(2) {
            let mut random = Random::new(seq);
            let person = seeded_person(seq, pairs, &mut random);
            let last_login = (!random.chance(7)).then(|| {
                format_time(reference - Duration::seconds(random.below(120 * 24 * 3600) as i64))
            });
            let created = format_time(reference - Duration::days(120 + random.below(1500) as i64));
            let memberships: Vec<&str> = if random.chance(2) {
                GROUPS.to_vec() // a few people are in every group, as in real directories
            } else {
                (0..random.below(5))
                    .map(|_| *random.pick(GROUPS))
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .collect()
            };
            let preferences = json!({"Locale": random.pick(LOCALES), "Theme": if random.chance(30) { "dark" } else { "light" }});
            let row = seq as i64;
            user.execute(params![
                row,
                seeded_id(seq),
                person.username,
                person.full_name,
                person.email,
                person.active,
                random.pick(TIME_ZONES),
                json!(memberships).to_string(),
                preferences.to_string(),
                last_login,
                created
            ])?;
            for role in person.roles {
                user_role.execute(params![role, row])?;
            }
            let (state, dnd_until, message) = seeded_presence(&mut random, now);
            presence.execute(params![row, state, dnd_until, message, format_time(now)])?;
        }
    }
    transaction.commit()?;
    connection.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")?;
    drop(connection);
    database.finish_bulk_load()
}

struct Person {
    username: String,
    full_name: String,
    email: String,
    active: bool,
    roles: Vec<&'static str>,
}

fn seeded_person(seq: u64, pairs: u64, random: &mut Random) -> Person {
    match seq {
        1 => Person {
            username: ADMIN_USERNAME.into(),
            full_name: "Ada Administrator".into(),
            email: "admin@example.com".into(),
            active: true,
            roles: vec!["admin"],
        },
        2 => Person {
            username: VIEWER_USERNAME.into(),
            full_name: "Victor Viewer".into(),
            email: "viewer@example.com".into(),
            active: true,
            roles: vec!["viewer"],
        },
        _ => {
            // Every (first, last) pair once per round, in a scrambled order;
            // later rounds add a number, so usernames are unique by construction.
            let index = seq - 3;
            let round = index / pairs;
            let pair = (index % pairs) * 7_919 % pairs;
            let (first, first_ascii) = FIRST_NAMES[(pair % FIRST_NAMES.len() as u64) as usize];
            let (last, last_ascii) = LAST_NAMES[(pair / FIRST_NAMES.len() as u64) as usize];
            let username = match round {
                0 => format!("{first_ascii}.{last_ascii}"),
                n => format!("{first_ascii}.{last_ascii}{n}"),
            };
            let email = format!("{username}@{}", random.pick(DOMAINS));
            let mut roles: Vec<&'static str> = Vec::new();
            for _ in 0..random.below(3) {
                let role = random.pick(ROLES).0;
                if !roles.contains(&role) {
                    roles.push(role);
                }
            }
            Person {
                username,
                full_name: format!("{first} {last}"),
                email,
                active: !random.chance(8),
                roles,
            }
        }
    }
}

/// Opaque, stable ids that look like the UUIDs real directories use.
fn seeded_id(seq: u64) -> String {
    let mut random = Random::new(seq ^ 0x5EED);
    format!("{:016x}{:016x}", random.next(), random.next())
}

fn seeded_presence(
    random: &mut Random,
    now: DateTime<Utc>,
) -> (&'static str, Option<String>, Option<&'static str>) {
    let state = match random.below(100) {
        0..=34 => "AVAILABLE",
        35..=49 => "AWAY",
        50..=64 => "BUSY",
        65..=71 => "DND",
        _ => "OFFLINE",
    };
    let dnd_until = (state == "DND")
        .then(|| format_time(now + Duration::minutes(30 + random.below(8 * 60) as i64)));
    let message = (state != "OFFLINE" && random.chance(25)).then(|| *random.pick(STATUS_MESSAGES));
    (state, dnd_until, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeding_is_deterministic_and_usernames_unique() {
        let pairs = (FIRST_NAMES.len() * LAST_NAMES.len()) as u64;
        let names: Vec<String> = (3..3 + 2 * pairs + 10)
            .map(|seq| seeded_person(seq, pairs, &mut Random::new(seq)).username)
            .collect();
        let unique: std::collections::HashSet<_> = names.iter().collect();
        assert_eq!(unique.len(), names.len());
        assert_eq!(seeded_id(42), seeded_id(42));
        assert_ne!(seeded_id(42), seeded_id(43));
    }
}
