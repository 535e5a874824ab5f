"""Data: news agencies and the names they sign datelines with ("NAIROBI, Kenya (AP) --").

Each entry is the short name a dateline or a credit line uses first, then every other name of the
same agency. Read by :mod:`helpers.core.datelines`; kept as data so a corpus from another region
can add its agencies without touching code (``outlet_key(name, agencies=...)``).
"""

from __future__ import annotations

#: (short name, other names...). Names are matched case-insensitively and whole.
WIRE_AGENCIES: tuple[tuple[str, ...], ...] = (
    ("AP", "Associated Press", "The Associated Press"),
    ("Reuters",),
    ("AFP", "Agence France-Presse", "Agence France Presse"),
    ("Xinhua", "Xinhua News Agency", "New China News Agency"),
    ("UPI", "United Press International"),
    ("dpa", "Deutsche Presse-Agentur", "Deutsche Presse Agentur"),
    ("ANSA", "Agenzia Nazionale Stampa Associata"),
    ("EFE", "Agencia EFE"),
    ("Kyodo", "Kyodo News", "Kyodo News Agency"),
    ("Jiji", "Jiji Press"),
    ("Yonhap", "Yonhap News Agency"),
    ("PTI", "Press Trust of India"),
    ("IANS", "Indo-Asian News Service"),
    ("ANI", "Asian News International"),
    ("TASS", "ITAR-TASS"),
    ("RIA Novosti", "RIA"),
    ("Interfax",),
    ("Anadolu", "Anadolu Agency", "AA"),
    ("Bernama",),
    ("Antara",),
    ("KCNA", "Korean Central News Agency"),
    ("CNA", "Central News Agency"),
    ("VNA", "Vietnam News Agency"),
    ("PNA", "Philippine News Agency"),
    ("IRNA", "Islamic Republic News Agency"),
    ("MENA", "Middle East News Agency"),
    ("SANA",),  # its long name is added by a corpus that needs it (outlets in event.toml)
    ("WAFA",),
    ("KUNA", "Kuwait News Agency"),
    ("SPA", "Saudi Press Agency"),
    ("WAM", "Emirates News Agency"),
    ("APP", "Associated Press of Pakistan"),
    ("KNA", "Kenya News Agency"),
    ("NAN", "News Agency of Nigeria"),
    ("MAP", "Maghreb Arabe Presse"),
    ("PA", "Press Association", "PA Media"),
    ("AAP", "Australian Associated Press"),
    ("CP", "Canadian Press", "The Canadian Press"),
    ("APA", "Austria Presse Agentur"),
    ("Belga",),
    ("ANP",),
    ("NTB",),
    ("Ritzau",),
    ("PAP", "Polish Press Agency"),
    ("CTK",),
    ("MTI",),
    ("Tanjug",),
    ("Lusa",),
    ("Europa Press",),
    ("Notimex",),
    ("Prensa Latina",),
)
