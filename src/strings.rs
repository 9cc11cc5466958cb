//! The interface's own words in both languages (labels, headings, help). Record text
//! comes from content/; these are the words around it.

use crate::model::Lang;
use std::collections::BTreeMap;

const STRINGS: &[(&str, &str, &str)] = &[
    ("skip", "本文へ移動", "Skip to content"),
    ("home", "ホーム", "Home"),
    ("lang_switch", "English", "日本語"),
    (
        "lang_switch_label",
        "English version of this page",
        "このページの日本語版",
    ),
    ("stages", "年齢・時期から探す", "By your child's stage"),
    (
        "agencies",
        "相談窓口・支援機関の一覧",
        "All agencies and windows",
    ),
    (
        "programs",
        "事業・プログラムの一覧",
        "Programs and projects",
    ),
    ("networks", "地域の支援者ネット", "Ward support networks"),
    (
        "tiers",
        "1次・2次・3次支援のしくみ",
        "The three tiers of support",
    ),
    ("audiences", "対象者別の一覧", "By who it is for"),
    ("wards", "区から探す", "By ward"),
    ("search", "さがす", "Search"),
    (
        "search_label",
        "窓口・事業の名前やことばで探す（例：児相、ペアトレ、1歳半健診）",
        "Search by name or word (e.g. parent training, child guidance)",
    ),
    ("search_count", "{n}件見つかりました", "{n} found"),
    (
        "search_none",
        "見つかりませんでした。短いことばや別の言い方（ひらがな・略称）で試すか、お子さんの年齢・時期や、お住まいの区から探してください。",
        "Nothing found. Try a shorter word or another name, or browse by your child's stage or by ward.",
    ),
    ("search_did_you_mean", "もしかして：", "Did you mean:"),
    (
        "search_ask_ward",
        "どこに相談すればよいかわからないときは、お住まいの区役所（保健こども課）に相談できます。区のページの「この区の窓口」に載っています。",
        "If you are not sure where to ask, you can talk to the Health and Children's Division at your ward office: your ward's page lists it under \"Windows in this ward\".",
    ),
    ("not_found", "ページが見つかりません", "Page not found"),
    (
        "not_found_help",
        "アドレスが変わったか、ページが削除された可能性があります。ホームから探してください。",
        "The address may have changed or the page was removed. Please start again from the home page.",
    ),
    ("untranslated", "英語版未作成", "not yet translated"),
    ("for_parents", "保護者の方へ", "For parents"),
    (
        "for_parents_lead",
        "お子さんの年齢・時期を選んでください。最初に相談する窓口と、その後の流れがわかります。",
        "Choose your child's age or stage to see where to go first and what usually happens next.",
    ),
    (
        "for_staff",
        "園・学校の先生方へ",
        "For nursery, kindergarten and school staff",
    ),
    (
        "for_staff_lead",
        "気になる子がいるときの相談先、保護者と話すときに紹介できる窓口、園・学校から依頼できる支援を、必要になる順に並べました。",
        "Where you can turn when a child worries you, what you can tell parents about, and the support your nursery or school can request, in the order you are likely to need them.",
    ),
    (
        "staff_worried",
        "気になる子がいるとき",
        "When a child worries you",
    ),
    (
        "staff_worried_lead",
        "ネットワーク会議の資料では、園・学校は、ふだんの生活の場での気づきと身近な支援を担う1次支援とされ、園・学校が相談できる体制づくりが課題に挙げられています。先生方が相談できる窓口です。",
        "The network meeting's document puts nurseries and schools in tier 1, where needs are noticed in everyday life and supported close to home, and names ways for them to get advice as an issue. These are places you can consult:",
    ),
    ("staff_parents", "保護者と話すとき", "Talking with parents"),
    (
        "staff_parents_lead",
        "会議では、保護者の最初の気づきに寄り添いながら、相談をスムーズに支援につなぐ方法が話し合われました。保護者に紹介できる窓口と取組です。",
        "The meeting discussed how to stay with parents from their first worries and connect them smoothly to support. These are windows and programs you can tell parents about:",
    ),
    (
        "staff_request",
        "園・学校から依頼できる支援",
        "Support your nursery or school can request",
    ),
    (
        "staff_request_lead",
        "それぞれに、依頼のしかたと問い合わせ先を書いています。",
        "Each says how to request it and whom to call.",
    ),
    (
        "staff_network",
        "ネットワークのしくみ",
        "How the network works",
    ),
    (
        "staff_network_lead",
        "市の各課が連携して行う事業や、協議会・ネットワーク会議など、支援の体制をつくる場です。",
        "City projects run by the departments together, and the councils and the network meeting where the support system is planned.",
    ),
    ("first_windows", "まず相談する窓口", "Where to go first"),
    ("next_steps", "その後の流れ", "What usually comes next"),
    (
        "flow_referred",
        "次の窓口につないでもらう",
        "You are referred on",
    ),
    (
        "flow_referred_text",
        "最初に相談した身近な窓口から、必要に応じて、より専門的な支援を行う窓口につながります。主な行き先は次のとおりです。",
        "When needed, the window you went to first puts you in touch with places that give more specialist support. These are the usual next places:",
    ),
    (
        "flow_may_need",
        "必要になることがある手続き",
        "What you may need",
    ),
    (
        "flow_may_need_text",
        "児童発達支援などの通所サービスを使うには、市が交付する通所受給者証が必要です。これは国の制度の一般的な説明で、ネットワーク会議で決めたことではありません。手続きは、区役所の保健こども課、または障がい児相談支援事業所で確認してください。",
        "To use day services such as child development support, you need a service recipient certificate issued by the city. This is general information about the national system, not something the network meeting decided. Ask the Health and Children's Division at your ward office, or a consultation support office for children with disabilities, how to apply.",
    ),
    (
        "flow_waits",
        "待つ期間が長くなることがあります",
        "Waits can be long",
    ),
    (
        "flow_waits_text",
        "熊本市療育支援ネットワーク会議の資料でも、各相談窓口への相談が増え、待機が増えていることが課題とされています。",
        "The Kumamoto City network meeting's own document names the rise in consultations at every window, and in waiting, as a problem.",
    ),
    (
        "show_or_read",
        "窓口で見せるか、読み上げてください：",
        "Show or read this:",
    ),
    (
        "while_waiting",
        "待っている間に役立つこと",
        "What helps while you wait",
    ),
    ("why", "理由", "Why"),
    ("how_to_start", "相談のはじめ方", "How to start"),
    (
        "what_to_say",
        "電話で伝えること",
        "What to say when you call",
    ),
    ("tier", "支援の層", "Tier"),
    ("list_sep", "、", ", "),
    ("kind", "種別", "Kind"),
    ("areas", "対象地域", "Area served"),
    ("audience", "対象", "For"),
    ("stages_served", "対象の時期", "Stages"),
    ("fees", "費用", "Cost"),
    ("eligibility", "対象・年齢", "Eligibility and ages"),
    ("schedule", "日程", "Schedule"),
    ("operated_by", "運営", "Operated by"),
    ("operator", "実施機関", "Run by"),
    ("contact", "連絡先", "Contact"),
    ("phone", "電話", "Phone"),
    ("email", "メール", "Email"),
    ("website", "ウェブサイト", "Website"),
    ("address", "所在地", "Address"),
    ("hours", "受付時間", "Hours"),
    (
        "contact_unknown",
        "連絡先はこのサイトではまだ確認できていません。次の窓口で確認してください：",
        "Contact details have not been verified for this site yet. Please confirm with:",
    ),
    ("related_programs", "関連する事業", "Related programs"),
    (
        "member_of",
        "参加している地域ネット",
        "Ward networks it takes part in",
    ),
    ("members", "参加機関", "Members"),
    ("activities", "活動", "Activities"),
    ("description", "概要", "About"),
    ("source", "出典", "Source"),
    ("verified_on", "最終確認日", "Last verified"),
    ("local_windows", "この区の窓口", "Windows in this ward"),
    (
        "citywide_windows",
        "市内全域を対象とする窓口",
        "Citywide windows",
    ),
    (
        "ward_network",
        "この区の支援者ネット",
        "This ward's support network",
    ),
    ("all_stages", "すべての時期", "All stages"),
    ("narrow_by_ward", "区で絞り込む", "Narrow by ward"),
    ("handout", "印刷用の案内", "Printable handout"),
    (
        "handout_print",
        "ブラウザの印刷機能で、A4用紙1枚に印刷できます。",
        "Print it from your browser on one sheet of A4.",
    ),
    (
        "handout_confirm",
        "連絡先の確認",
        "Confirming contact details",
    ),
    ("handout_more", "くわしい案内", "More information"),
    (
        "handout_qr",
        "スマートフォンで読み取ると、この時期の案内ページが開きます。",
        "Scan with a phone to open this stage's page.",
    ),
    (
        "handout_where",
        "このガイドの「年齢・時期から探す」で、次の時期を選んでください：",
        "In this guide, open \"By your child's stage\" and choose:",
    ),
    ("all_wards", "すべての区", "All wards"),
    (
        "stage_ward_lead",
        "この区の区役所の窓口を最初に、そのあとに市内全域の窓口を示しています。",
        "This ward's own office comes first, then the windows that serve the whole city.",
    ),
    ("staff_contacts", "問い合わせ先", "Whom to call"),
    (
        "staff_by_audience",
        "対象者別の一覧",
        "Everything listed for staff",
    ),
    ("about", "このサイトについて", "About this site"),
    ("layered_system", "支援のしくみ", "How support is organized"),
    ("privacy", "免責・プライバシー", "Disclaimer and privacy"),
    ("menu", "メニュー", "Menu"),
    ("none_yet", "まだ登録がありません。", "Nothing listed yet."),
    ("pages_nav", "ページ", "Pages"),
    ("prev_page", "前のページ", "Previous page"),
    ("next_page", "次のページ", "Next page"),
    ("page_of", "ページ", "Page"),
    ("see_all", "すべて見る", "See all"),
    (
        "updates",
        "最近確認・更新された情報",
        "Recently verified and updated",
    ),
    (
        "updates_lead",
        "各ページの内容を最後に確認した日（新しい順）です。古い情報は、窓口で確認してください。",
        "Each page by the date its details were last checked, newest first. Please confirm older details with the office.",
    ),
    ("feed", "更新情報（Atom フィード）", "Updates (Atom feed)"),
    ("kind_agency", "窓口・機関", "Agency"),
    ("kind_program", "事業", "Program"),
    ("kind_network", "地域ネット", "Network"),
    ("kind_stage", "時期", "Stage"),
    // Contacts, sources and ward handouts.
    ("ward_office", "お住まいの区の窓口", "Your ward's office"),
    ("citywide", "市内全域", "Citywide"),
    ("office_page", "この窓口のページ", "About this office"),
    ("citywide_mark", "市内全域の窓口", "Serves the whole city"),
    (
        "may_have_changed",
        "この情報は確認から時間がたっています。変わっている可能性があるため、窓口でご確認ください。",
        "These details were checked some time ago and may have changed; please confirm with the office.",
    ),
    ("any_hour", "夜間・休日も", "At night and on holidays"),
    (
        "to_be_confirmed",
        "要確認（出典に記載なし）",
        "To be confirmed (not in the source)",
    ),
    (
        "general_info",
        "一般的な制度の説明",
        "General information on national rules",
    ),
    ("issued", "発行", "Issued"),
    (
        "nurse_box",
        "相談先のメモ（記入欄）",
        "Notes from the nurse",
    ),
    ("nurse_name", "担当", "Contact person"),
    ("nurse_phone", "電話", "Phone"),
    ("nurse_next", "次に相談する日", "Next consultation"),
    (
        "ward_handout",
        "この区の印刷用の案内",
        "Printable handout for this ward",
    ),
    (
        "network_activities_unknown",
        "この区のネットの具体的な活動は、出典の資料には書かれていません。5区のネット共通の説明は各ネットのページにあります。",
        "The source document does not describe this ward network's own activities; what all five ward networks share is on each network's page.",
    ),
];

/// The strings for `lang`, keyed for templates as `t.<key>`.
pub fn for_lang(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    STRINGS
        .iter()
        .map(|(k, ja, en)| (*k, if lang == Lang::Ja { *ja } else { *en }))
        .collect()
}

pub fn get(lang: Lang, key: &str) -> &'static str {
    STRINGS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, ja, en)| if lang == Lang::Ja { *ja } else { *en })
        .unwrap_or_else(|| panic!("no UI string `{key}`"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn keys_are_unique_and_both_languages_filled() {
        let mut keys: Vec<&str> = super::STRINGS.iter().map(|s| s.0).collect();
        keys.sort();
        let n = keys.len();
        keys.dedup();
        assert_eq!(n, keys.len(), "duplicate UI string key");
        assert!(
            super::STRINGS
                .iter()
                .all(|(_, ja, en)| !ja.is_empty() && !en.is_empty())
        );
    }
}
