"""A standard whose choice and section ids are unmistakable, so a test can tell they
never reach a page or PDF: choices, a warning with advice and a why box, a subsection,
a VSAQ id and criteria."""

WORDY = """\
slug: wordy
version: 1
title: {en: Wordy standard, ja: 言葉の基準}
use: selection
tiers: ["1", "2", "3", "out_of_scope"]
scoring:
  pass_marks: {"1": 10, "2": 10, "3": 10}
  grade_a: 85
  knockout_min: 2
sections:
  - id: sec_zulu
    title: {en: Zulu controls, ja: ズールー管理}
    questions:
      - id: q_gate
        type: single_choice
        weight: 2
        subsection: {en: "Gateway heading", ja: "ゲートの見出し"}
        choices:
          - {id: opt_alpha_x, label: {en: Alpha label, ja: アルファ表示}, score: 3}
          - {id: opt_bravo_x, label: {en: Bravo label, ja: ブラボー表示}, score: 1}
        text: {en: "Which gate?", ja: "どのゲートですか。"}
        criteria: [d1]
        refs: {vsaq: [gate_item]}
      - id: q_inner
        type: maturity
        weight: 1
        condition: answers.q_gate == "opt_bravo_x"
        text: {en: "Behind the gate?", ja: "ゲートの内側は？"}
      - id: q_ssl
        type: single_choice
        weight: 3
        choices:
          - {id: opt_full_x, label: {en: Full label, ja: 全部表示}, score: 3}
          - {id: opt_mixed_x, label: {en: Mixed label, ja: 混在表示}, score: 3}
        warnings:
          - id: warn_ssl_x
            when: answers.q_ssl == "opt_mixed_x"
            severity: high
            name: {en: Unencrypted traffic, ja: 暗号化されていない通信}
            advice:
              en: "Ask for a plan.\\n\\nSee [the guide](https://example.com/guide)."
              ja: "計画を求めてください。\\n\\n[手引き](https://example.com/guide)を参照。"
            why: {en: "Explain compensating controls.", ja: "代替策を説明してください。"}
        text: {en: "Is traffic encrypted?", ja: "通信は暗号化されていますか。"}
        criteria: [d4_encryption]
  - id: sec_yankee
    title: {en: Yankee practice, ja: ヤンキー実務}
    questions:
      - id: q_channels
        type: multi_choice
        weight: 1
        choices:
          - {id: opt_phone_x, label: {en: Phone label, ja: 電話表示}, score: 1}
          - {id: opt_mail_x, label: {en: Mail label, ja: メール表示}, score: 2}
        text: {en: "Which channels?", ja: "どの連絡手段ですか。"}
      - id: q_level
        type: maturity
        weight: 2
        text: {en: "How mature?", ja: "成熟度は？"}
      - id: q_yes
        type: yes_no
        weight: 1
        text: {en: "Do you log?", ja: "記録していますか。"}
      - id: q_na
        type: maturity
        weight: 1
        na_allowed: true
        text: {en: "Any branch offices?", ja: "支店はありますか。"}
"""
ANSWERS = {"q_gate": "opt_alpha_x", "q_ssl": "opt_mixed_x",
           "q_channels": ["opt_phone_x", "opt_mail_x"], "q_level": 2, "q_yes": "yes"}
CHOICE_IDS = ("opt_alpha_x", "opt_bravo_x", "opt_full_x", "opt_mixed_x", "opt_phone_x",
              "opt_mail_x")
SECTION_IDS = ("sec_zulu", "sec_yankee")
