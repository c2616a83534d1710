"""The data items a consignee handles, at the level an auditor reads the register (R1;
pure): each belongs under one of the data categories that tiering reads — a name or an
address under any of them, a salary only under employees' data, a My Number only under
My Number. An item whose category is not chosen is refused, and dropped when its
category is taken away."""

from collections.abc import Iterable
from enum import StrEnum

from vendorrisk.vendors.vocabulary import DataCategory


class DataItem(StrEnum):
    NAME = "name"
    ADDRESS = "address"
    PHONE = "phone"
    EMAIL = "email"
    DATE_OF_BIRTH = "date_of_birth"
    GENDER = "gender"
    COMPANY_AND_TITLE = "company_and_title"
    PURCHASE_HISTORY = "purchase_history"
    EMPLOYEE_NUMBER = "employee_number"
    SALARY = "salary"
    PERSONNEL_EVALUATION = "personnel_evaluation"
    MEDICAL = "medical"
    CRIMINAL_RECORD = "criminal_record"
    BELIEFS = "beliefs"
    MY_NUMBER = "my_number"
    CARD_NUMBER = "card_number"
    BANK_ACCOUNT = "bank_account"
    GUARDIAN = "guardian"


C = DataCategory
# The categories an item may stand under; the common items stand under any of them.
UNDER: dict[DataItem, frozenset[DataCategory]] = {
    **{item: frozenset(C) for item in (DataItem.NAME, DataItem.ADDRESS, DataItem.PHONE,
                                       DataItem.EMAIL, DataItem.DATE_OF_BIRTH,
                                       DataItem.GENDER)},
    DataItem.COMPANY_AND_TITLE: frozenset({C.BUSINESS_CONTACT, C.EMPLOYEE}),
    DataItem.PURCHASE_HISTORY: frozenset({C.CUSTOMER}),
    DataItem.EMPLOYEE_NUMBER: frozenset({C.EMPLOYEE}),
    DataItem.SALARY: frozenset({C.EMPLOYEE}),
    DataItem.PERSONNEL_EVALUATION: frozenset({C.EMPLOYEE}),
    DataItem.MEDICAL: frozenset({C.HEALTH, C.SPECIAL_CARE}),
    DataItem.CRIMINAL_RECORD: frozenset({C.SPECIAL_CARE}),
    DataItem.BELIEFS: frozenset({C.SPECIAL_CARE}),
    DataItem.MY_NUMBER: frozenset({C.MY_NUMBER}),
    DataItem.CARD_NUMBER: frozenset({C.PAYMENT_CARD}),
    DataItem.BANK_ACCOUNT: frozenset({C.BANK_CREDENTIALS}),
    DataItem.GUARDIAN: frozenset({C.CHILDREN}),
}


def misplaced(items: Iterable[DataItem], categories: Iterable[DataCategory]
              ) -> list[DataItem]:
    """The items none of whose categories is among ``categories``, in the list's order."""
    chosen = set(categories)
    return [item for item in DataItem if item in set(items) and not UNDER[item] & chosen]


def fitting(items: Iterable[str], categories: Iterable[DataCategory]) -> list[str]:
    """The stored ``items`` that still fit ``categories``, as sorted codes."""
    chosen = set(categories)
    return sorted(code for code in set(items)
                  if code in set(DataItem) and UNDER[DataItem(code)] & chosen)
