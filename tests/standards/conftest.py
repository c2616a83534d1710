"""A small valid standard to break in different ways, and helpers to write files."""

from pathlib import Path

import pytest

VALID = """\
slug: mini
version: 1
title: {en: Mini standard, ja: ミニ基準}
use: selection
tiers: ["1", "2", "3"]
scoring:
  pass_marks: {"1": 80, "2": 70, "3": 60}
  grade_a: 85
  knockout_min: 2
sections:
  - id: d1
    title: {en: Organization, ja: 組織}
    questions:
      - id: d1_policy
        type: maturity
        weight: 2
        knockout: always
        text: {en: "Is there a policy?", ja: "方針はありますか。"}
      - id: d1_training
        type: maturity
        weight: 3
        na_allowed: true
        text: {en: "Is there training?", ja: "教育はありますか。"}
      - id: d1_uses_subs
        type: yes_no
        text: {en: "Do you re-consign?", ja: "再委託しますか。"}
      - id: d1_sub_approval
        type: maturity
        weight: 3
        condition: answers.d1_uses_subs == "yes"
        knockout: {when: "profile.abroad"}
        text: {en: "Prior approval?", ja: "事前承認はありますか。"}
      - id: d1_channels
        type: multi_choice
        weight: 1
        choices:
          - {id: phone, label: {en: Phone, ja: 電話}, score: 1}
          - {id: mail, label: {en: Mail, ja: メール}, score: 2}
        text: {en: "Which channels?", ja: "どの連絡手段ですか。"}
      - id: d1_encryption
        type: single_choice
        weight: 2
        knockout: tier1
        choices:
          - {id: none, label: {en: None, ja: なし}, score: 0}
          - {id: partial, label: {en: Partial, ja: 一部}, score: 2}
          - {id: full, label: {en: Full, ja: 全部}, score: 3}
        text: {en: "Encryption?", ja: "暗号化は？"}
      - id: d1_notes
        type: text
        required: false
        text: {en: Notes, ja: 備考}
      - id: d1_policy_file
        type: file
        required: false
        text: {en: Policy document, ja: 方針文書}
"""


# A standard whose certificate file says until when it is valid (carried-over answers).
CERTIFIED = """\
slug: certified
version: 1
title: {en: Certified standard, ja: 認証基準}
use: selection
tiers: ["1", "2", "3"]
scoring:
  pass_marks: {"1": 60, "2": 60, "3": 60}
  grade_a: 85
  knockout_min: 2
sections:
  - id: d1
    title: {en: Organization, ja: 組織}
    questions:
      - id: d1_policy
        type: maturity
        weight: 2
        text: {en: "Is there a policy?", ja: "方針はありますか。"}
      - id: d1_training
        type: maturity
        weight: 2
        text: {en: "Is there training?", ja: "教育はありますか。"}
      - id: d1_channels
        type: multi_choice
        weight: 1
        choices:
          - {id: phone, label: {en: Phone, ja: 電話}, score: 1}
          - {id: mail, label: {en: Mail, ja: メール}, score: 2}
        text: {en: "Which channels?", ja: "どの連絡手段ですか。"}
      - id: d1_handbook
        type: file
        required: false
        text: {en: Handbook, ja: ハンドブック}
  - id: d2
    title: {en: Certification, ja: 認証}
    questions:
      - id: d2_privacymark
        type: maturity
        weight: 3
        evidence:
          required: true
          what: {en: The certificate, ja: 登録証}
          valid_until: d2_privacymark_expiry
        text: {en: "Do you hold a PrivacyMark?", ja: "プライバシーマークはありますか。"}
      - id: d2_privacymark_expiry
        type: date
        required: false
        text: {en: "When does it expire?", ja: "有効期限はいつですか。"}
"""

def write_standard(folder: Path, text: str, slug: str = "mini", version: int = 1) -> Path:
    path = folder / slug / f"v{version}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def standards_folder(tmp_path) -> Path:
    folder = tmp_path / "questionnaires"
    write_standard(folder, VALID)
    return folder
