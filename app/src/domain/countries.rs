//! Countries and nationalities: every ISO 3166-1 alpha-2 code with its French and English short
//! name, sorted by code. The registers (AGDREF, VISABIO, `server/data/seed/*.csv`) store the
//! code; forms show the name in the user's language.
//!
//! The 249 officially assigned codes, plus the user-assigned `XK` (Kosovo), which France
//! recognises and the European Union uses. Names follow the common short form (CLDR), e.g.
//! "Corée du Sud" / "South Korea", not "Corée, République de". No dependency, so the table is
//! compiled into the browser bundle and the server alike.

/// One country or territory.
#[derive(Debug, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code, upper case (e.g. `"MA"`).
    pub code: &'static str,
    /// French short name (e.g. "Maroc").
    pub fr: &'static str,
    /// English short name (e.g. "Morocco").
    pub en: &'static str,
}

/// Every country, sorted by `code` (binary search relies on it).
#[rustfmt::skip]
pub static COUNTRIES: &[Country] = &[
    Country { code: "AD", fr: "Andorre", en: "Andorra" },
    Country { code: "AE", fr: "Émirats arabes unis", en: "United Arab Emirates" },
    Country { code: "AF", fr: "Afghanistan", en: "Afghanistan" },
    Country { code: "AG", fr: "Antigua-et-Barbuda", en: "Antigua and Barbuda" },
    Country { code: "AI", fr: "Anguilla", en: "Anguilla" },
    Country { code: "AL", fr: "Albanie", en: "Albania" },
    Country { code: "AM", fr: "Arménie", en: "Armenia" },
    Country { code: "AO", fr: "Angola", en: "Angola" },
    Country { code: "AQ", fr: "Antarctique", en: "Antarctica" },
    Country { code: "AR", fr: "Argentine", en: "Argentina" },
    Country { code: "AS", fr: "Samoa américaines", en: "American Samoa" },
    Country { code: "AT", fr: "Autriche", en: "Austria" },
    Country { code: "AU", fr: "Australie", en: "Australia" },
    Country { code: "AW", fr: "Aruba", en: "Aruba" },
    Country { code: "AX", fr: "Îles Åland", en: "Åland Islands" },
    Country { code: "AZ", fr: "Azerbaïdjan", en: "Azerbaijan" },
    Country { code: "BA", fr: "Bosnie-Herzégovine", en: "Bosnia and Herzegovina" },
    Country { code: "BB", fr: "Barbade", en: "Barbados" },
    Country { code: "BD", fr: "Bangladesh", en: "Bangladesh" },
    Country { code: "BE", fr: "Belgique", en: "Belgium" },
    Country { code: "BF", fr: "Burkina Faso", en: "Burkina Faso" },
    Country { code: "BG", fr: "Bulgarie", en: "Bulgaria" },
    Country { code: "BH", fr: "Bahreïn", en: "Bahrain" },
    Country { code: "BI", fr: "Burundi", en: "Burundi" },
    Country { code: "BJ", fr: "Bénin", en: "Benin" },
    Country { code: "BL", fr: "Saint-Barthélemy", en: "Saint Barthélemy" },
    Country { code: "BM", fr: "Bermudes", en: "Bermuda" },
    Country { code: "BN", fr: "Brunei", en: "Brunei" },
    Country { code: "BO", fr: "Bolivie", en: "Bolivia" },
    Country { code: "BQ", fr: "Pays-Bas caribéens", en: "Caribbean Netherlands" },
    Country { code: "BR", fr: "Brésil", en: "Brazil" },
    Country { code: "BS", fr: "Bahamas", en: "Bahamas" },
    Country { code: "BT", fr: "Bhoutan", en: "Bhutan" },
    Country { code: "BV", fr: "Île Bouvet", en: "Bouvet Island" },
    Country { code: "BW", fr: "Botswana", en: "Botswana" },
    Country { code: "BY", fr: "Biélorussie", en: "Belarus" },
    Country { code: "BZ", fr: "Belize", en: "Belize" },
    Country { code: "CA", fr: "Canada", en: "Canada" },
    Country { code: "CC", fr: "Îles Cocos", en: "Cocos (Keeling) Islands" },
    Country { code: "CD", fr: "République démocratique du Congo", en: "Democratic Republic of the Congo" },
    Country { code: "CF", fr: "République centrafricaine", en: "Central African Republic" },
    Country { code: "CG", fr: "Congo", en: "Congo" },
    Country { code: "CH", fr: "Suisse", en: "Switzerland" },
    Country { code: "CI", fr: "Côte d'Ivoire", en: "Côte d'Ivoire" },
    Country { code: "CK", fr: "Îles Cook", en: "Cook Islands" },
    Country { code: "CL", fr: "Chili", en: "Chile" },
    Country { code: "CM", fr: "Cameroun", en: "Cameroon" },
    Country { code: "CN", fr: "Chine", en: "China" },
    Country { code: "CO", fr: "Colombie", en: "Colombia" },
    Country { code: "CR", fr: "Costa Rica", en: "Costa Rica" },
    Country { code: "CU", fr: "Cuba", en: "Cuba" },
    Country { code: "CV", fr: "Cap-Vert", en: "Cape Verde" },
    Country { code: "CW", fr: "Curaçao", en: "Curaçao" },
    Country { code: "CX", fr: "Île Christmas", en: "Christmas Island" },
    Country { code: "CY", fr: "Chypre", en: "Cyprus" },
    Country { code: "CZ", fr: "Tchéquie", en: "Czechia" },
    Country { code: "DE", fr: "Allemagne", en: "Germany" },
    Country { code: "DJ", fr: "Djibouti", en: "Djibouti" },
    Country { code: "DK", fr: "Danemark", en: "Denmark" },
    Country { code: "DM", fr: "Dominique", en: "Dominica" },
    Country { code: "DO", fr: "République dominicaine", en: "Dominican Republic" },
    Country { code: "DZ", fr: "Algérie", en: "Algeria" },
    Country { code: "EC", fr: "Équateur", en: "Ecuador" },
    Country { code: "EE", fr: "Estonie", en: "Estonia" },
    Country { code: "EG", fr: "Égypte", en: "Egypt" },
    Country { code: "EH", fr: "Sahara occidental", en: "Western Sahara" },
    Country { code: "ER", fr: "Érythrée", en: "Eritrea" },
    Country { code: "ES", fr: "Espagne", en: "Spain" },
    Country { code: "ET", fr: "Éthiopie", en: "Ethiopia" },
    Country { code: "FI", fr: "Finlande", en: "Finland" },
    Country { code: "FJ", fr: "Fidji", en: "Fiji" },
    Country { code: "FK", fr: "Îles Malouines", en: "Falkland Islands" },
    Country { code: "FM", fr: "Micronésie", en: "Micronesia" },
    Country { code: "FO", fr: "Îles Féroé", en: "Faroe Islands" },
    Country { code: "FR", fr: "France", en: "France" },
    Country { code: "GA", fr: "Gabon", en: "Gabon" },
    Country { code: "GB", fr: "Royaume-Uni", en: "United Kingdom" },
    Country { code: "GD", fr: "Grenade", en: "Grenada" },
    Country { code: "GE", fr: "Géorgie", en: "Georgia" },
    Country { code: "GF", fr: "Guyane française", en: "French Guiana" },
    Country { code: "GG", fr: "Guernesey", en: "Guernsey" },
    Country { code: "GH", fr: "Ghana", en: "Ghana" },
    Country { code: "GI", fr: "Gibraltar", en: "Gibraltar" },
    Country { code: "GL", fr: "Groenland", en: "Greenland" },
    Country { code: "GM", fr: "Gambie", en: "Gambia" },
    Country { code: "GN", fr: "Guinée", en: "Guinea" },
    Country { code: "GP", fr: "Guadeloupe", en: "Guadeloupe" },
    Country { code: "GQ", fr: "Guinée équatoriale", en: "Equatorial Guinea" },
    Country { code: "GR", fr: "Grèce", en: "Greece" },
    Country { code: "GS", fr: "Géorgie du Sud-et-les Îles Sandwich du Sud", en: "South Georgia and the South Sandwich Islands" },
    Country { code: "GT", fr: "Guatemala", en: "Guatemala" },
    Country { code: "GU", fr: "Guam", en: "Guam" },
    Country { code: "GW", fr: "Guinée-Bissau", en: "Guinea-Bissau" },
    Country { code: "GY", fr: "Guyana", en: "Guyana" },
    Country { code: "HK", fr: "Hong Kong", en: "Hong Kong" },
    Country { code: "HM", fr: "Îles Heard-et-MacDonald", en: "Heard Island and McDonald Islands" },
    Country { code: "HN", fr: "Honduras", en: "Honduras" },
    Country { code: "HR", fr: "Croatie", en: "Croatia" },
    Country { code: "HT", fr: "Haïti", en: "Haiti" },
    Country { code: "HU", fr: "Hongrie", en: "Hungary" },
    Country { code: "ID", fr: "Indonésie", en: "Indonesia" },
    Country { code: "IE", fr: "Irlande", en: "Ireland" },
    Country { code: "IL", fr: "Israël", en: "Israel" },
    Country { code: "IM", fr: "Île de Man", en: "Isle of Man" },
    Country { code: "IN", fr: "Inde", en: "India" },
    Country { code: "IO", fr: "Territoire britannique de l'océan Indien", en: "British Indian Ocean Territory" },
    Country { code: "IQ", fr: "Irak", en: "Iraq" },
    Country { code: "IR", fr: "Iran", en: "Iran" },
    Country { code: "IS", fr: "Islande", en: "Iceland" },
    Country { code: "IT", fr: "Italie", en: "Italy" },
    Country { code: "JE", fr: "Jersey", en: "Jersey" },
    Country { code: "JM", fr: "Jamaïque", en: "Jamaica" },
    Country { code: "JO", fr: "Jordanie", en: "Jordan" },
    Country { code: "JP", fr: "Japon", en: "Japan" },
    Country { code: "KE", fr: "Kenya", en: "Kenya" },
    Country { code: "KG", fr: "Kirghizstan", en: "Kyrgyzstan" },
    Country { code: "KH", fr: "Cambodge", en: "Cambodia" },
    Country { code: "KI", fr: "Kiribati", en: "Kiribati" },
    Country { code: "KM", fr: "Comores", en: "Comoros" },
    Country { code: "KN", fr: "Saint-Christophe-et-Niévès", en: "Saint Kitts and Nevis" },
    Country { code: "KP", fr: "Corée du Nord", en: "North Korea" },
    Country { code: "KR", fr: "Corée du Sud", en: "South Korea" },
    Country { code: "KW", fr: "Koweït", en: "Kuwait" },
    Country { code: "KY", fr: "Îles Caïmans", en: "Cayman Islands" },
    Country { code: "KZ", fr: "Kazakhstan", en: "Kazakhstan" },
    Country { code: "LA", fr: "Laos", en: "Laos" },
    Country { code: "LB", fr: "Liban", en: "Lebanon" },
    Country { code: "LC", fr: "Sainte-Lucie", en: "Saint Lucia" },
    Country { code: "LI", fr: "Liechtenstein", en: "Liechtenstein" },
    Country { code: "LK", fr: "Sri Lanka", en: "Sri Lanka" },
    Country { code: "LR", fr: "Liberia", en: "Liberia" },
    Country { code: "LS", fr: "Lesotho", en: "Lesotho" },
    Country { code: "LT", fr: "Lituanie", en: "Lithuania" },
    Country { code: "LU", fr: "Luxembourg", en: "Luxembourg" },
    Country { code: "LV", fr: "Lettonie", en: "Latvia" },
    Country { code: "LY", fr: "Libye", en: "Libya" },
    Country { code: "MA", fr: "Maroc", en: "Morocco" },
    Country { code: "MC", fr: "Monaco", en: "Monaco" },
    Country { code: "MD", fr: "Moldavie", en: "Moldova" },
    Country { code: "ME", fr: "Monténégro", en: "Montenegro" },
    Country { code: "MF", fr: "Saint-Martin (partie française)", en: "Saint Martin (French part)" },
    Country { code: "MG", fr: "Madagascar", en: "Madagascar" },
    Country { code: "MH", fr: "Îles Marshall", en: "Marshall Islands" },
    Country { code: "MK", fr: "Macédoine du Nord", en: "North Macedonia" },
    Country { code: "ML", fr: "Mali", en: "Mali" },
    Country { code: "MM", fr: "Myanmar (Birmanie)", en: "Myanmar (Burma)" },
    Country { code: "MN", fr: "Mongolie", en: "Mongolia" },
    Country { code: "MO", fr: "Macao", en: "Macao" },
    Country { code: "MP", fr: "Îles Mariannes du Nord", en: "Northern Mariana Islands" },
    Country { code: "MQ", fr: "Martinique", en: "Martinique" },
    Country { code: "MR", fr: "Mauritanie", en: "Mauritania" },
    Country { code: "MS", fr: "Montserrat", en: "Montserrat" },
    Country { code: "MT", fr: "Malte", en: "Malta" },
    Country { code: "MU", fr: "Maurice", en: "Mauritius" },
    Country { code: "MV", fr: "Maldives", en: "Maldives" },
    Country { code: "MW", fr: "Malawi", en: "Malawi" },
    Country { code: "MX", fr: "Mexique", en: "Mexico" },
    Country { code: "MY", fr: "Malaisie", en: "Malaysia" },
    Country { code: "MZ", fr: "Mozambique", en: "Mozambique" },
    Country { code: "NA", fr: "Namibie", en: "Namibia" },
    Country { code: "NC", fr: "Nouvelle-Calédonie", en: "New Caledonia" },
    Country { code: "NE", fr: "Niger", en: "Niger" },
    Country { code: "NF", fr: "Île Norfolk", en: "Norfolk Island" },
    Country { code: "NG", fr: "Nigeria", en: "Nigeria" },
    Country { code: "NI", fr: "Nicaragua", en: "Nicaragua" },
    Country { code: "NL", fr: "Pays-Bas", en: "Netherlands" },
    Country { code: "NO", fr: "Norvège", en: "Norway" },
    Country { code: "NP", fr: "Népal", en: "Nepal" },
    Country { code: "NR", fr: "Nauru", en: "Nauru" },
    Country { code: "NU", fr: "Niue", en: "Niue" },
    Country { code: "NZ", fr: "Nouvelle-Zélande", en: "New Zealand" },
    Country { code: "OM", fr: "Oman", en: "Oman" },
    Country { code: "PA", fr: "Panama", en: "Panama" },
    Country { code: "PE", fr: "Pérou", en: "Peru" },
    Country { code: "PF", fr: "Polynésie française", en: "French Polynesia" },
    Country { code: "PG", fr: "Papouasie-Nouvelle-Guinée", en: "Papua New Guinea" },
    Country { code: "PH", fr: "Philippines", en: "Philippines" },
    Country { code: "PK", fr: "Pakistan", en: "Pakistan" },
    Country { code: "PL", fr: "Pologne", en: "Poland" },
    Country { code: "PM", fr: "Saint-Pierre-et-Miquelon", en: "Saint Pierre and Miquelon" },
    Country { code: "PN", fr: "Îles Pitcairn", en: "Pitcairn Islands" },
    Country { code: "PR", fr: "Porto Rico", en: "Puerto Rico" },
    Country { code: "PS", fr: "Palestine", en: "Palestine" },
    Country { code: "PT", fr: "Portugal", en: "Portugal" },
    Country { code: "PW", fr: "Palaos", en: "Palau" },
    Country { code: "PY", fr: "Paraguay", en: "Paraguay" },
    Country { code: "QA", fr: "Qatar", en: "Qatar" },
    Country { code: "RE", fr: "La Réunion", en: "Réunion" },
    Country { code: "RO", fr: "Roumanie", en: "Romania" },
    Country { code: "RS", fr: "Serbie", en: "Serbia" },
    Country { code: "RU", fr: "Russie", en: "Russia" },
    Country { code: "RW", fr: "Rwanda", en: "Rwanda" },
    Country { code: "SA", fr: "Arabie saoudite", en: "Saudi Arabia" },
    Country { code: "SB", fr: "Îles Salomon", en: "Solomon Islands" },
    Country { code: "SC", fr: "Seychelles", en: "Seychelles" },
    Country { code: "SD", fr: "Soudan", en: "Sudan" },
    Country { code: "SE", fr: "Suède", en: "Sweden" },
    Country { code: "SG", fr: "Singapour", en: "Singapore" },
    Country { code: "SH", fr: "Sainte-Hélène", en: "Saint Helena" },
    Country { code: "SI", fr: "Slovénie", en: "Slovenia" },
    Country { code: "SJ", fr: "Svalbard et île Jan Mayen", en: "Svalbard and Jan Mayen" },
    Country { code: "SK", fr: "Slovaquie", en: "Slovakia" },
    Country { code: "SL", fr: "Sierra Leone", en: "Sierra Leone" },
    Country { code: "SM", fr: "Saint-Marin", en: "San Marino" },
    Country { code: "SN", fr: "Sénégal", en: "Senegal" },
    Country { code: "SO", fr: "Somalie", en: "Somalia" },
    Country { code: "SR", fr: "Suriname", en: "Suriname" },
    Country { code: "SS", fr: "Soudan du Sud", en: "South Sudan" },
    Country { code: "ST", fr: "Sao Tomé-et-Principe", en: "São Tomé and Príncipe" },
    Country { code: "SV", fr: "Salvador", en: "El Salvador" },
    Country { code: "SX", fr: "Saint-Martin (partie néerlandaise)", en: "Sint Maarten (Dutch part)" },
    Country { code: "SY", fr: "Syrie", en: "Syria" },
    Country { code: "SZ", fr: "Eswatini", en: "Eswatini" },
    Country { code: "TC", fr: "Îles Turques-et-Caïques", en: "Turks and Caicos Islands" },
    Country { code: "TD", fr: "Tchad", en: "Chad" },
    Country { code: "TF", fr: "Terres australes et antarctiques françaises", en: "French Southern Territories" },
    Country { code: "TG", fr: "Togo", en: "Togo" },
    Country { code: "TH", fr: "Thaïlande", en: "Thailand" },
    Country { code: "TJ", fr: "Tadjikistan", en: "Tajikistan" },
    Country { code: "TK", fr: "Tokelau", en: "Tokelau" },
    Country { code: "TL", fr: "Timor oriental", en: "Timor-Leste" },
    Country { code: "TM", fr: "Turkménistan", en: "Turkmenistan" },
    Country { code: "TN", fr: "Tunisie", en: "Tunisia" },
    Country { code: "TO", fr: "Tonga", en: "Tonga" },
    Country { code: "TR", fr: "Turquie", en: "Türkiye" },
    Country { code: "TT", fr: "Trinité-et-Tobago", en: "Trinidad and Tobago" },
    Country { code: "TV", fr: "Tuvalu", en: "Tuvalu" },
    Country { code: "TW", fr: "Taïwan", en: "Taiwan" },
    Country { code: "TZ", fr: "Tanzanie", en: "Tanzania" },
    Country { code: "UA", fr: "Ukraine", en: "Ukraine" },
    Country { code: "UG", fr: "Ouganda", en: "Uganda" },
    Country { code: "UM", fr: "Îles mineures éloignées des États-Unis", en: "United States Minor Outlying Islands" },
    Country { code: "US", fr: "États-Unis", en: "United States" },
    Country { code: "UY", fr: "Uruguay", en: "Uruguay" },
    Country { code: "UZ", fr: "Ouzbékistan", en: "Uzbekistan" },
    Country { code: "VA", fr: "Saint-Siège (Vatican)", en: "Holy See (Vatican City)" },
    Country { code: "VC", fr: "Saint-Vincent-et-les-Grenadines", en: "Saint Vincent and the Grenadines" },
    Country { code: "VE", fr: "Venezuela", en: "Venezuela" },
    Country { code: "VG", fr: "Îles Vierges britanniques", en: "British Virgin Islands" },
    Country { code: "VI", fr: "Îles Vierges des États-Unis", en: "United States Virgin Islands" },
    Country { code: "VN", fr: "Viêt Nam", en: "Vietnam" },
    Country { code: "VU", fr: "Vanuatu", en: "Vanuatu" },
    Country { code: "WF", fr: "Wallis-et-Futuna", en: "Wallis and Futuna" },
    Country { code: "WS", fr: "Samoa", en: "Samoa" },
    Country { code: "XK", fr: "Kosovo", en: "Kosovo" },
    Country { code: "YE", fr: "Yémen", en: "Yemen" },
    Country { code: "YT", fr: "Mayotte", en: "Mayotte" },
    Country { code: "ZA", fr: "Afrique du Sud", en: "South Africa" },
    Country { code: "ZM", fr: "Zambie", en: "Zambia" },
    Country { code: "ZW", fr: "Zimbabwe", en: "Zimbabwe" },
];

/// The country with this code (exact, upper-case match), if any.
pub fn find(code: &str) -> Option<&'static Country> {
    COUNTRIES.binary_search_by(|c| c.code.cmp(code)).ok().map(|i| &COUNTRIES[i])
}

#[cfg(test)]
mod tests {
    use super::{find, COUNTRIES};

    const PERSONS: &str = include_str!("../../../server/data/seed/persons.csv");
    const VISAS: &str = include_str!("../../../server/data/seed/visas.csv");

    #[test]
    fn the_list_is_sorted_by_code_without_duplicates() {
        for pair in COUNTRIES.windows(2) {
            assert!(pair[0].code < pair[1].code, "{} is not before {}", pair[0].code, pair[1].code);
        }
    }

    #[test]
    fn codes_are_two_upper_case_letters_and_names_are_set() {
        for country in COUNTRIES {
            assert_eq!(country.code.len(), 2, "{}", country.code);
            assert!(country.code.bytes().all(|b| b.is_ascii_uppercase()), "{}", country.code);
            assert!(!country.fr.trim().is_empty() && !country.en.trim().is_empty(), "{}", country.code);
        }
        assert!(COUNTRIES.len() >= 249);
    }

    #[test]
    fn find_uses_the_code() {
        assert_eq!(find("MA").map(|c| c.fr), Some("Maroc"));
        assert_eq!(find("DZ").map(|c| c.fr), Some("Algérie"));
        assert_eq!(find("SN").map(|c| c.fr), Some("Sénégal"));
        assert_eq!(find("AE").map(|c| c.fr), Some("Émirats arabes unis"));
        assert_eq!(find("FR").map(|c| c.en), Some("France"));
        assert_eq!(find("AA"), None);
        assert_eq!(find("ma"), None);
        assert_eq!(find(""), None);
    }

    /// Every value of the named columns of a seed file (plain split: those files have no quoted
    /// field, no comma inside a value).
    fn column_values(csv: &'static str, columns: &[&str]) -> Vec<(usize, &'static str)> {
        let mut lines = csv.lines();
        let header: Vec<&str> = lines.next().expect("header").split(',').collect();
        let index = |name: &&str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
        let indexes: Vec<usize> = columns.iter().map(index).collect();
        let mut values = Vec::new();
        for (number, line) in lines.enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let fields: Vec<&str> = line.split(',').collect();
            assert_eq!(fields.len(), header.len(), "line {} has {} fields", number + 2, fields.len());
            values.extend(indexes.iter().map(|&i| (number + 2, fields[i])));
        }
        values
    }

    #[test]
    fn every_country_used_by_the_seed_registers_is_known() {
        for (file, csv) in [("persons.csv", PERSONS), ("visas.csv", VISAS)] {
            let values = column_values(csv, &["birth_country", "nationality"]);
            assert!(!values.is_empty(), "{file} has no rows");
            for (line, code) in values {
                assert!(find(code).is_some(), "{file} line {line}: unknown country code {code:?}");
            }
        }
    }
}
