"""How well ``suggest`` tells English text (which its model can rank) from other languages.

    python benchmarks/suggest_language.py

English: PolitiFact statements (LIAR validation set) and CLEF 2020 debate sentences, joined
into passages of about 120 words (the length of a short article), and the hand-labelled news
articles in benchmarks/news. Other languages: the passages below (Spanish, Portuguese, French,
German, Italian, Dutch, Indonesian, Arabic, Hindi, Russian, Chinese), each also cut to its first
40 words. Prints each group's English-function-word share (min, median, max) and how many texts
factcheck.suggest.language.judge takes for English.
"""

from __future__ import annotations

import csv
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.suggest.language import english_share, judge  # noqa: E402

DATASETS = ROOT.parent / "shared" / "datasets"

OTHER = {
    "es": "El alcalde dijo que el presupuesto del transporte público se duplicó en los últimos "
    "cinco años, pero los datos del ayuntamiento muestran que creció un 40 por ciento. La "
    "oposición pidió una auditoría independiente y el gobierno municipal rechazó la petición. "
    "Según el informe anual, el número de pasajeros cayó durante la pandemia y todavía no ha "
    "vuelto a los niveles de 2019.",
    "pt": "O prefeito disse que o orçamento do transporte público dobrou nos últimos cinco anos, "
    "mas os dados da prefeitura mostram um aumento de 40 por cento. A oposição pediu uma "
    "auditoria independente e o governo municipal recusou o pedido. Segundo o relatório anual, "
    "o número de passageiros caiu durante a pandemia e ainda não voltou aos níveis de 2019.",
    "fr": "Le maire a déclaré que le budget des transports publics avait doublé au cours des "
    "cinq dernières années, mais les chiffres de la mairie montrent une hausse de 40 pour cent. "
    "L'opposition a demandé un audit indépendant et la municipalité a refusé. Selon le rapport "
    "annuel, le nombre de voyageurs a baissé pendant la pandémie et n'est pas revenu au niveau "
    "de 2019.",
    "de": "Der Bürgermeister sagte, das Budget für den öffentlichen Verkehr habe sich in den "
    "letzten fünf Jahren verdoppelt, doch die Zahlen der Stadt zeigen einen Anstieg um 40 "
    "Prozent. Die Opposition forderte eine unabhängige Prüfung, die Stadtregierung lehnte ab. "
    "Laut Jahresbericht sank die Zahl der Fahrgäste während der Pandemie und hat das Niveau "
    "von 2019 noch nicht wieder erreicht.",
    "it": "Il sindaco ha detto che il bilancio del trasporto pubblico è raddoppiato negli ultimi "
    "cinque anni, ma i dati del comune mostrano un aumento del 40 per cento. L'opposizione ha "
    "chiesto una verifica indipendente e la giunta ha respinto la richiesta. Secondo la "
    "relazione annuale, il numero dei passeggeri è calato durante la pandemia.",
    "nl": "De burgemeester zei dat het budget voor het openbaar vervoer in de afgelopen vijf jaar "
    "is verdubbeld, maar de cijfers van de gemeente tonen een stijging van 40 procent. De "
    "oppositie vroeg om een onafhankelijke controle en het college weigerde dat. Volgens het "
    "jaarverslag daalde het aantal reizigers tijdens de pandemie.",
    "id": "Wali kota mengatakan anggaran transportasi umum naik dua kali lipat dalam lima tahun "
    "terakhir, tetapi data pemerintah kota menunjukkan kenaikan 40 persen. Pihak oposisi "
    "meminta audit independen dan pemerintah kota menolak permintaan itu. Menurut laporan "
    "tahunan, jumlah penumpang turun selama pandemi dan belum kembali ke tingkat 2019.",
    "ar": "قال رئيس البلدية إن ميزانية النقل العام تضاعفت خلال السنوات الخمس الماضية، لكن "
    "بيانات البلدية تظهر زيادة بنسبة 40 في المئة. وطالبت المعارضة بتدقيق مستقل ورفضت "
    "الحكومة المحلية الطلب. وبحسب التقرير السنوي انخفض عدد الركاب خلال الجائحة.",
    "hi": "महापौर ने कहा कि पिछले पाँच वर्षों में सार्वजनिक परिवहन का बजट दोगुना हो गया, लेकिन "
    "नगर निगम के आँकड़े 40 प्रतिशत की वृद्धि दिखाते हैं। विपक्ष ने स्वतंत्र जाँच की माँग की और "
    "नगर सरकार ने अनुरोध ठुकरा दिया। वार्षिक रिपोर्ट के अनुसार महामारी के दौरान यात्रियों की संख्या घटी।",
    "ru": "Мэр заявил, что бюджет общественного транспорта удвоился за последние пять лет, "
    "однако данные мэрии показывают рост на 40 процентов. Оппозиция потребовала независимой "
    "проверки, городские власти отказали. Согласно годовому отчёту, число пассажиров "
    "сократилось во время пандемии.",
    "zh": "市长表示，过去五年公共交通预算翻了一番，但市政府的数据显示只增长了百分之四十。"
    "反对派要求进行独立审计，市政府拒绝了这一要求。根据年度报告，疫情期间乘客人数有所下降。",
}


def passages(sentences: list[str], words: int = 120) -> list[str]:
    out, current = [], []
    for sentence in sentences:
        current.append(sentence)
        if sum(len(s.split()) for s in current) >= words:
            out.append(" ".join(current))
            current = []
    return out


def english_texts() -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    liar = DATASETS / "liar" / "valid.tsv"
    if liar.is_file():
        with liar.open(encoding="utf-8") as f:
            rows = [row[2] for row in csv.reader(f, delimiter="\t") if len(row) > 2]
        groups["PolitiFact statements (LIAR)"] = passages(rows)
    clef = DATASETS / "checkworthiness" / "clef2020-task5-train.tsv"
    if clef.is_file():
        with clef.open(encoding="utf-8") as f:
            rows = [row[0] for row in csv.reader(f, delimiter="\t") if row][1:]
        groups["debates (CLEF 2020)"] = passages(rows)
    news = sorted((ROOT / "benchmarks" / "news").glob("*.tsv"))
    if news:
        articles = []
        for path in news:
            with path.open(encoding="utf-8") as f:
                rows = [row[0] for row in csv.reader(f, delimiter="\t") if row][1:]
            articles.append(" ".join(rows))
        groups["news articles (benchmarks/news)"] = articles
    return groups


def report(name: str, texts: list[str]) -> None:
    shares = [english_share(text)[0] for text in texts]
    english = sum(judge(text, None).known for text in texts)
    print(
        f"{name:38} n={len(texts):5}  share min {min(shares):.2f}  median "
        f"{statistics.median(shares):.2f}  max {max(shares):.2f}  judged English {english}"
    )


def main() -> None:
    for name, texts in english_texts().items():
        report(name, texts)
    for language, text in OTHER.items():
        short = " ".join(text.split()[:40])
        report(f"{language} (whole, first 40 words)", [text, short])


if __name__ == "__main__":
    main()
