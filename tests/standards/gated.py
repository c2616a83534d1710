"""A standard with scored gateways and warnings (issue 23), for worked examples and the
property tests: a scored yes/no gateway carrying a critical warning (a knockout), a
chain of gateways, a scored maturity gateway, warnings on choice, multi-choice, yes/no
and text questions (one of them `not`-style, one reading another question's answer),
and questions hidden by the profile and by an unscored answer."""

GATED = """\
slug: gated
version: 1
title: {en: Gated standard, ja: ゲート付き基準}
use: selection
tiers: ["1", "2", "3"]
scoring:
  pass_marks: {"1": 80, "2": 70, "3": 60}
  grade_a: 85
  knockout_min: 2
sections:
  - id: s1
    title: {en: Programme, ja: プログラム}
    questions:
      - id: g_program
        type: yes_no
        weight: 3
        knockout: {when: 'answers.g_program == "no"'}
        text: {en: "Is there a security programme?", ja: "セキュリティプログラムはありますか。"}
        warnings:
          - id: warn_no_program
            when: answers.g_program == "no"
            severity: critical
            name: {en: No security programme, ja: セキュリティプログラムなし}
      - id: q_policy
        type: maturity
        weight: 2
        knockout: always
        condition: answers.g_program == "yes"
        text: {en: "Is there a policy?", ja: "方針はありますか。"}
      - id: q_review
        type: single_choice
        weight: 1
        condition: answers.g_program == "yes" and answers.q_policy >= 1
        choices:
          - {id: never, label: {en: Never, ja: なし}, score: 0}
          - {id: yearly, label: {en: Yearly, ja: 毎年}, score: 3}
        text: {en: "How often is it reviewed?", ja: "見直しの頻度は。"}
      - id: q_ssl
        type: single_choice
        weight: 3
        condition: answers.g_program == "yes"
        subsection: {en: Network, ja: ネットワーク}
        choices:
          - {id: full, label: {en: Everywhere, ja: すべて}}
          - {id: mixed, label: {en: Partly, ja: 一部}}
          - {id: none, label: {en: Nowhere, ja: なし}}
        text: {en: "Is traffic encrypted?", ja: "通信は暗号化されていますか。"}
        warnings:
          - id: warn_app_not_ssl
            when: answers.q_ssl == "mixed" or answers.q_ssl == "none"
            severity: high
            name: {en: Unencrypted traffic, ja: 暗号化されていない通信}
            why: {en: Explain your compensating controls., ja: 代替策を説明してください。}
      - id: q_mfa
        type: yes_no
        weight: 2
        text: {en: "Do administrators use MFA?", ja: "管理者は多要素認証を使いますか。"}
        warnings:
          - id: warn_no_mfa
            when: not (answers.q_mfa == "yes")
            severity: medium
            name: {en: No MFA, ja: 多要素認証なし}
      - id: q_risky
        type: multi_choice
        weight: 2
        required: false
        choices:
          - {id: shared, label: {en: Shared accounts, ja: 共有アカウント}}
          - {id: plaintext, label: {en: Plaintext passwords, ja: 平文パスワード}}
          - {id: kiosk, label: {en: Kiosk mode, ja: キオスクモード}}
        text: {en: "Which of these apply?", ja: "該当するものは。"}
        warnings:
          - id: warn_risky
            when: '"shared" in answers.q_risky or "plaintext" in answers.q_risky'
            severity: high
            name: {en: Weak accounts, ja: 弱いアカウント管理}
      - id: q_notes
        type: text
        weight: 1
        required: false
        text: {en: "Who reads the logs?", ja: "ログは誰が見ますか。"}
        warnings:
          - id: warn_nobody
            when: answers.q_notes == "nobody"
            severity: low
            name: {en: Nobody reads logs, ja: ログを誰も見ない}
      - id: q_offsite
        type: yes_no
        condition: profile.abroad
        text: {en: "Are backups kept abroad too?", ja: "バックアップを国外にも置きますか。"}
      - id: q_backup
        type: yes_no
        weight: 2
        text: {en: "Are there backups?", ja: "バックアップはありますか。"}
        warnings:
          - id: warn_backup
            when: answers.q_backup == "no" or answers.q_offsite == "yes"
            severity: medium
            name: {en: Backups missing or abroad, ja: バックアップなしまたは国外}
  - id: s2
    title: {en: Maturity, ja: 成熟度}
    questions:
      - id: m_gate
        type: maturity
        weight: 2
        text: {en: "Is access controlled?", ja: "アクセス制御はありますか。"}
      - id: m_detail
        type: maturity
        weight: 3
        knockout: tier1
        condition: answers.m_gate >= 1
        text: {en: "Are rights reviewed?", ja: "権限は見直されますか。"}
      - id: m_special
        type: maturity
        weight: 1
        condition: profile.special_care
        text: {en: "Special care data handled apart?", ja: "要配慮個人情報は区別されますか。"}
      - id: u_gate
        type: yes_no
        text: {en: "Do you print?", ja: "印刷しますか。"}
      - id: u_detail
        type: maturity
        weight: 1
        na_allowed: true
        condition: answers.u_gate == "yes"
        text: {en: "Are prints shredded?", ja: "印刷物は裁断しますか。"}
"""
