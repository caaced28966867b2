"""Small projects in Arabic, Hindi and Spanish: an article with two claims (one published with
two agreeing approvals and a correction, one still in review), a stand-alone claim with an
editor's ruling, a withdrawn stand-alone claim, two tags in the language's script on each
published claim, a claimant, evidence and reviewers; a photo claim (a file, with its alt text,
caption and original context) and a claim of a video and a recording (by their addresses, with
the part checked), each rated on the project's own media scale. Everything the project writes
is in the language, so whatever English a built page shows is the theme's."""

from __future__ import annotations

from dataclasses import dataclass

from support.media_files import jpeg_with_gps


@dataclass(frozen=True)
class Words:
    language: str
    title: str
    ratings: tuple[tuple[str, str, str], ...]
    """(id, label, description), best first."""
    article_title: str
    article_body: str
    quote: str
    quote2: str
    summary: str
    summary2: str
    claimant: str
    tags: tuple[str, str]
    headline: str
    reasoning: str
    reviewers: tuple[str, str, str]
    evidence_title: str
    standalone: str
    correction: str
    """The note of a rating-change correction on the published claim's verdict."""
    withdrawn: str
    """A stand-alone claim that was published, then withdrawn."""
    withdrawal: str
    """Why it was withdrawn."""
    media_ratings: tuple[tuple[str, str, str, str], ...]
    """(id, label, schema.org category, description): the project's own media scale."""
    photo_summary: str
    photo_alt: str
    photo_caption: str
    photo_context: str
    video_summary: str
    video_caption: str


ARABIC = Words(
    language="ar",
    title="تحقق المدينة",
    ratings=(
        ("sahih", "صحيح", "الادعاء دقيق."),
        ("mudallil", "مضلل", "فيه جزء صحيح لكنه يعطي انطباعا خاطئا."),
        ("khata", "خطأ", "الادعاء غير صحيح."),
    ),
    article_title="ميزانية النقل العام تتضاعف",
    article_body=(
        "قال رئيس البلدية تيودور ليند يوم الثلاثاء إن ميزانية النقل العام تضاعفت خلال خمس "
        "سنوات، وإنها بلغت 412 مليون دولار.\n\n"
        "وأضاف أن عدد الركاب ارتفع بنسبة 20 في المئة منذ عام 2021.\n"
    ),
    quote="ميزانية النقل العام تضاعفت خلال خمس سنوات",
    quote2="عدد الركاب ارتفع بنسبة 20 في المئة",
    summary="ميزانية النقل العام تضاعفت خلال خمس سنوات.",
    summary2="عدد الركاب ارتفع بنسبة 20 في المئة منذ 2021.",
    claimant="تيودور ليند",
    tags=("الميزانية", "النقل"),
    headline="الميزانية زادت بنسبة 31 في المئة فقط بعد احتساب التضخم.",
    reasoning="تظهر أرقام البلدية [@taqrir] أن الزيادة الحقيقية أقل من ذلك بكثير.",
    reviewers=("سامي عقل", "ليلى حداد", "هالة منصور"),
    evidence_title="تقرير الميزانية السنوي 2026",
    standalone="المياه في الخزانات في أدنى مستوى منذ 1976.",
    correction="صنّفنا هذا الادعاء أولا على أنه خطأ، ثم غيّرنا التقييم بعد مراجعة الأرقام [@taqrir].",
    withdrawn="أسعار تذاكر العبّارة تضاعفت منذ 2024.",
    withdrawal="سحبنا هذا التحقق لأن الحساب الذي نقلنا عنه لم يكن حساب صاحب الادعاء.",
    media_ratings=(
        ("asli", "أصلي", "OriginalMediaContent", "لا دليل على تعديل المادة أو عرضها خارج سياقها."),
        ("kharij", "خارج السياق", "DecontextualizedContent", "مادة حقيقية نُسبت إلى زمان آخر."),
        ("mujtaza", "مجتزأ", "EditedOrCroppedContent", "قُصّت المادة أو اجتُزئت بما يغيّر معناها."),
    ),
    photo_summary="صورة تُظهر شارع الميناء غارقا بعد عاصفة الأسبوع الماضي.",
    photo_alt="شارع تغمره مياه الفيضان، وثلاث سيارات غارقة حتى نوافذها.",
    photo_caption="الصورة كما نُشرت في منتصف يناير 2026.",
    photo_context="التُقطت في نوفمبر 2019 في مدينة أخرى على الساحل.",
    video_summary="مقطع فيديو يُظهر رئيس البلدية يقول إن السور البحري لن يكتمل أبدا.",
    video_caption="التسجيل الكامل لاجتماع المجلس البلدي.",
)

HINDI = Words(
    language="hi",
    title="शहर फ़ैक्ट चेक",
    ratings=(
        ("sach", "सच", "दावा सही है।"),
        ("bhramak", "भ्रामक", "दावे में कुछ सच है, पर वह गलत धारणा बनाता है।"),
        ("galat", "गलत", "दावा सही नहीं है।"),
    ),
    article_title="सार्वजनिक परिवहन का बजट दोगुना",
    article_body=(
        "महापौर तेओदोर लिंद ने मंगलवार को कहा कि पाँच वर्षों में सार्वजनिक परिवहन का बजट दोगुना हो "
        "गया है और यह 412 मिलियन डॉलर तक पहुँच गया है।\n\n"
        "उन्होंने कहा कि 2021 से यात्रियों की संख्या 20 प्रतिशत बढ़ी है।\n"
    ),
    quote="पाँच वर्षों में सार्वजनिक परिवहन का बजट दोगुना हो गया है",
    quote2="यात्रियों की संख्या 20 प्रतिशत बढ़ी है",
    summary="पाँच वर्षों में सार्वजनिक परिवहन का बजट दोगुना हुआ।",
    summary2="2021 से यात्रियों की संख्या 20 प्रतिशत बढ़ी।",
    claimant="तेओदोर लिंद",
    tags=("बजट", "परिवहन"),
    headline="मुद्रास्फीति को गिनने पर बजट केवल 31 प्रतिशत बढ़ा है।",
    reasoning="नगर निगम के आँकड़े [@taqrir] दिखाते हैं कि वास्तविक वृद्धि इससे बहुत कम है।",
    reviewers=("समीर ओकाफ़ोर", "प्रिया रमन", "हेलेन मार्श"),
    evidence_title="वार्षिक बजट रिपोर्ट 2026",
    standalone="जलाशयों में पानी 1976 के बाद सबसे कम है।",
    correction="हमने पहले इस दावे को गलत बताया था; आँकड़ों की दोबारा जाँच [@taqrir] के बाद रेटिंग बदली।",
    withdrawn="2024 से नौका का किराया दोगुना हो गया है।",
    withdrawal="हमने यह जाँच वापस ली, क्योंकि जिस खाते को हमने उद्धृत किया वह दावा करने वाले का नहीं था।",
    media_ratings=(
        ("mool", "मूल", "OriginalMediaContent", "मीडिया में बदलाव का कोई सबूत नहीं।"),
        ("sandarbh", "संदर्भ से हटकर", "DecontextualizedContent", "असली मीडिया, पर किसी और जगह का।"),
        ("kaant", "काट-छाँट", "EditedOrCroppedContent", "ऐसी काट-छाँट जिससे अर्थ बदल जाता है।"),
    ),
    photo_summary="एक तस्वीर में पिछले हफ़्ते के तूफ़ान के बाद बंदरगाह रोड पानी में डूबी दिखती है।",
    photo_alt="बाढ़ के पानी में डूबी एक सड़क, जिसमें तीन कारें खिड़कियों तक डूबी हैं।",
    photo_caption="तस्वीर, जैसी वह जनवरी 2026 में साझा की गई।",
    photo_context="नवंबर 2019 में तट के एक दूसरे शहर में ली गई।",
    video_summary="एक वीडियो में महापौर कहते दिखते हैं कि समुद्री दीवार कभी पूरी नहीं होगी।",
    video_caption="परिषद की बैठक की पूरी रिकॉर्डिंग।",
)

SPANISH = Words(
    language="es",
    title="Verificado Ciudad",
    ratings=(
        ("verdadero", "Verdadero", "La afirmación es exacta."),
        ("enganoso", "Engañoso", "Tiene una parte cierta pero da una impresión falsa."),
        ("falso", "Falso", "La afirmación no es cierta."),
    ),
    article_title="El presupuesto del transporte público se duplica",
    article_body=(
        "El alcalde Teodoro Lindo dijo el martes que el presupuesto del transporte público se "
        "duplicó en cinco años y que alcanzó los 412 millones de dólares.\n\n"
        "Añadió que el número de pasajeros subió un 20 por ciento desde 2021.\n"
    ),
    quote="el presupuesto del transporte público se duplicó en cinco años",
    quote2="el número de pasajeros subió un 20 por ciento",
    summary="El presupuesto del transporte público se duplicó en cinco años.",
    summary2="El número de pasajeros subió un 20 por ciento desde 2021.",
    claimant="Teodoro Lindo",
    tags=("Presupuesto", "Transporte público"),
    headline="El presupuesto creció un 31 por ciento, no el doble, descontada la inflación.",
    reasoning="Las cifras del ayuntamiento [@taqrir] muestran un aumento real mucho menor.",
    reviewers=("Samuel Okafor", "Priya Ramos", "Elena Marsh"),
    evidence_title="Informe anual del presupuesto 2026",
    standalone="Los embalses están en su nivel más bajo desde 1976.",
    correction=(
        "Primero calificamos esta afirmación de falsa; tras revisar las cifras [@taqrir] "
        "cambiamos la calificación."
    ),
    withdrawn="Las tarifas del ferri se duplicaron desde 2024.",
    withdrawal=(
        "Retiramos esta verificación porque la cuenta que citamos no era del autor de la "
        "afirmación."
    ),
    media_ratings=(
        ("autentico", "Auténtico", "OriginalMediaContent", "Sin indicios de alteración."),
        ("descontextualizado", "Sin contexto", "DecontextualizedContent", "De otro lugar o fecha."),
        ("editado", "Editado o recortado", "EditedOrCroppedContent", "Cambia su sentido."),
    ),
    photo_summary="Una foto muestra la calle del Puerto inundada tras la tormenta del lunes.",
    photo_alt="Una calle de tiendas bajo el agua, con tres coches hundidos hasta las ventanillas.",
    photo_caption="La foto tal como se compartió a mediados de enero de 2026.",
    photo_context="Tomada en noviembre de 2019 en otra ciudad de la costa.",
    video_summary="Un video muestra al alcalde diciendo que el malecón nunca se terminará.",
    video_caption="La grabación completa de la sesión del concejo.",
)

LANGUAGES = {words.language: words for words in (ARABIC, HINDI, SPANISH)}


def project_files(words: Words) -> dict[str, str | bytes]:
    """The project's files ({path: text, or bytes for the photo}), factcheck.yaml included."""
    ratings = "".join(
        f"  - id: {ident}\n    label: {label}\n    description: {description}\n"
        for ident, label, description in words.ratings
    )
    media_ratings = "".join(
        f"  - id: {ident}\n    label: {label}\n    category: {category}\n"
        f"    description: {description}\n"
        for ident, label, category, description in words.media_ratings
    )
    config = (
        f"title: {words.title}\nbase_url: https://check.example.org/\nlanguage: "
        f"{words.language}\ntimezone: UTC\norganization:\n  name: {words.title}\n"
        f"ratings:\n{ratings}media_ratings:\n{media_ratings}"
    )
    middle = words.ratings[1][0]
    files: dict[str, str | bytes] = {
        "factcheck.yaml": config,
        "content/articles/budget.md": (
            f"---\ntitle: {words.article_title}\npublished: 2026-01-13\n"
            f"source:\n  outlet: {words.title}\n"
            f"tags: [{words.tags[0]}]\n"
            "claims:\n"
            f"  - id: budget-doubled\n    quote: {words.quote}\n    claimant: {words.claimant}\n"
            f"    summary: {words.summary}\n    tags: [{words.tags[0]}, {words.tags[1]}]\n"
            f"  - id: riders-up\n    quote: {words.quote2}\n    claimant: {words.claimant}\n"
            f"    summary: {words.summary2}\n"
            f"---\n{words.article_body}"
        ),
        "content/claims/reservoirs.md": (
            f"---\nsummary: {words.standalone}\nclaimant: {words.claimant}\ndate: 2026-01-14\n"
            f"tags: [{words.tags[1]}]\n---\n"
        ),
        "content/claimants/lind.md": f"---\nname: {words.claimant}\n---\n",
        "content/evidence/taqrir.md": (
            f"---\ntitle: {words.evidence_title}\nurl: https://city.example.org/budget-2026\n"
            "kind: official\naccessed: 2026-01-14\n---\n"
        ),
        "content/reviewers/sami.md": f"---\nname: {words.reviewers[0]}\n---\n",
        "content/reviewers/layla.md": f"---\nname: {words.reviewers[1]}\n---\n",
        "content/reviewers/hala.md": f"---\nname: {words.reviewers[2]}\nrole: editor\n---\n",
    }
    for reviewer in ("sami", "layla"):
        files[f"content/verdicts/budget-doubled/{reviewer}.md"] = (
            f"---\nclaim: budget-doubled\nreviewer: {reviewer}\nrating: {middle}\n"
            f"status: approved\ndate: 2026-01-15\nheadline: {words.headline}\n"
            f"evidence: [taqrir]\n"
            + (
                "corrections:\n  - date: 2026-01-20\n    kind: rating-change\n"
                f"    note: {words.correction}\n"
                if reviewer == "sami"
                else ""
            )
            + f"---\n{words.reasoning}\n"
        )
    files["content/claims/ferry-fares.md"] = (
        f"---\nsummary: {words.withdrawn}\nclaimant: {words.claimant}\ndate: 2026-01-17\n"
        f"withdrawn:\n  date: 2026-01-22\n  note: {words.withdrawal}\n---\n"
    )
    files["content/verdicts/ferry-fares/hala.md"] = (
        f"---\nclaim: ferry-fares\nreviewer: hala\nrating: {words.ratings[2][0]}\n"
        f"status: approved\ndate: 2026-01-18\nheadline: {words.headline}\nfinal: true\n"
        f"---\n{words.reasoning}\n"
    )
    files["content/verdicts/riders-up/sami.md"] = (
        f"---\nclaim: riders-up\nreviewer: sami\nrating: {middle}\nstatus: draft\n"
        f"headline: {words.headline}\n---\n{words.reasoning}\n"
    )
    files["content/verdicts/reservoirs/hala.md"] = (
        f"---\nclaim: reservoirs\nreviewer: hala\nrating: {words.ratings[0][0]}\n"
        f"status: approved\nfinal: true\ndate: 2026-01-16\nheadline: {words.headline}\n"
        f"evidence: [taqrir]\n---\n{words.reasoning}\n"
    )
    return files | _media_claims(words)


def _media_claims(words: Words) -> dict[str, str | bytes]:
    """A photo claim (a file of the project) published by two agreeing approvals, and a video
    claim (a page to link to and a recording to play, each by its address, with the part
    checked) published by an editor's ruling."""
    worst = words.ratings[-1][0]
    files: dict[str, str | bytes] = {
        "content/media/photo.jpg": jpeg_with_gps(640, 420),
        "content/claims/photo.md": (
            f"---\nsummary: {words.photo_summary}\nclaimant: {words.claimant}\n"
            f"date: 2026-01-14\ntags: [{words.tags[1]}]\nmedia:\n"
            f"  - type: image\n    file: photo.jpg\n    alt: {words.photo_alt}\n"
            f"    caption: {words.photo_caption}\n"
            "    original_url: https://photos.example.net/2019/11/12\n"
            f"    original_context: {words.photo_context}\n---\n"
        ),
        "content/claims/clip.md": (
            f"---\nsummary: {words.video_summary}\nclaimant: {words.claimant}\n"
            f"date: 2026-01-14\ntags: [{words.tags[0]}]\nmedia:\n"
            "  - type: video\n    url: https://tube.example.org/watch/council-2026-01-12\n"
            "    start: 1:05\n    end: 1:40\n"
            f"    caption: {words.video_caption}\n"
            "    archived: https://web.archive.org/web/20260113/https://tube.example.org/watch/c\n"
            "  - type: audio\n    url: https://radio.example.org/2026/council-0112.mp3\n"
            "    start: 65\n"
            "---\n"
        ),
        "content/verdicts/clip/hala.md": (
            f"---\nclaim: clip\nreviewer: hala\nrating: {words.ratings[1][0]}\n"
            f"media_rating: {words.media_ratings[2][0]}\nstatus: approved\nfinal: true\n"
            "date: 2026-01-16\n"
            f"headline: {words.headline}\nevidence: [taqrir]\n---\n{words.reasoning}\n"
        ),
    }
    for reviewer in ("sami", "layla"):
        files[f"content/verdicts/photo/{reviewer}.md"] = (
            f"---\nclaim: photo\nreviewer: {reviewer}\nrating: {worst}\n"
            f"media_rating: {words.media_ratings[1][0]}\nstatus: approved\ndate: 2026-01-15\n"
            f"headline: {words.headline}\nevidence: [taqrir]\n---\n{words.reasoning}\n"
        )
    return files
