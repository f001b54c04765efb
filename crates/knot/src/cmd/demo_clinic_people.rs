//! The invented people of the clinic demo: four staff and twenty clients, each client with a
//! complaint whose trigger points are the atlas's usual suspects for it (Simons, Travell &
//! Simons). Everything here is made up; any likeness to real people is chance.

/// A complaint: what the client says, and the atlas trigger points a therapist checks for it.
pub struct Complaint {
    pub name: &'static str,
    pub subjective: &'static str,
    pub points: &'static [&'static str],
    /// Whether both sides are treated (one side at a time) rather than the side that hurts.
    pub both_sides: bool,
}

pub const COMPLAINTS: [Complaint; 8] = [
    Complaint {
        name: "tension-type headache",
        subjective: "Band-like headaches most afternoons, worse after long days at the screen.",
        points: &[
            "upper-trapezius-1",
            "suboccipitals-1",
            "sternocleidomastoid-sternal-middle",
        ],
        both_sides: true,
    },
    Complaint {
        name: "low back pain",
        subjective: "Aching low back after gardening; getting out of a chair is stiff.",
        points: &[
            "quadratus-lumborum-superficial-upper",
            "gluteus-medius-1",
            "iliocostalis-lumborum-1",
        ],
        both_sides: false,
    },
    Complaint {
        name: "shoulder pain",
        subjective: "Deep ache in the shoulder reaching overhead and lying on that side.",
        points: &[
            "infraspinatus-upper",
            "supraspinatus-belly",
            "teres-minor-1",
        ],
        both_sides: false,
    },
    Complaint {
        name: "jaw pain",
        subjective: "Jaw ache on waking, clicks when chewing; dentist mentioned grinding.",
        points: &["masseter-1", "temporalis-1", "lateral-pterygoid-1"],
        both_sides: false,
    },
    Complaint {
        name: "buttock pain into the leg",
        subjective: "Pain in the buttock down the back of the thigh when sitting long.",
        points: &[
            "piriformis-lateral",
            "gluteus-minimus-posterior",
            "gluteus-medius-1",
        ],
        both_sides: false,
    },
    Complaint {
        name: "lateral elbow pain",
        subjective: "Outer elbow pain gripping a mug or a mouse; eases with rest.",
        points: &[
            "extensor-carpi-radialis-brevis-1",
            "supinator-1",
            "brachioradialis-1",
        ],
        both_sides: false,
    },
    Complaint {
        name: "stiff neck",
        subjective: "Cannot turn the head fully to check the blind spot when driving.",
        points: &[
            "levator-scapulae-upper",
            "splenius-cervicis-upper",
            "upper-trapezius-1",
        ],
        both_sides: false,
    },
    Complaint {
        name: "front-of-shoulder pain",
        subjective: "Ache at the front of the shoulder and below the collarbone after desk work.",
        points: &["pectoralis-minor-1", "pectoralis-major-clavicular"],
        both_sides: false,
    },
];

/// A member of staff: e-mail, name, role word.
pub const STAFF: [(&str, &str, &str); 4] = [
    ("admin@demo-clinic.example", "Alex Morgan", "admin"),
    ("mira@demo-clinic.example", "Mira Okafor", "therapist"),
    ("jonas@demo-clinic.example", "Jonas Lindqvist", "therapist"),
    ("desk@demo-clinic.example", "Priya Raman", "front_desk"),
];

/// A client: name, birth date (YYYY-MM-DD), street address, health history, medications.
pub struct DemoClient {
    pub name: &'static str,
    pub born: &'static str,
    pub address: &'static str,
    pub history: &'static str,
    pub medications: &'static str,
}

const fn c(
    name: &'static str,
    born: &'static str,
    address: &'static str,
    history: &'static str,
    medications: &'static str,
) -> DemoClient {
    DemoClient {
        name,
        born,
        address,
        history,
        medications,
    }
}

pub const CLIENTS: [DemoClient; 20] = [
    c(
        "Hannah Becker",
        "1986-03-14",
        "12 Elm Row",
        "Migraine as a teenager; none since.",
        "None.",
    ),
    c(
        "Tomasz Nowak",
        "1971-07-02",
        "4 Mill Lane",
        "Lumbar disc bulge 2019, resolved with physio.",
        "Ibuprofen as needed.",
    ),
    c(
        "Grace Adeyemi",
        "1990-11-23",
        "88 Harbour St",
        "Healthy; swims twice a week.",
        "Oral contraceptive.",
    ),
    c(
        "Luis Ortega",
        "1965-01-30",
        "3 Quarry Rd",
        "Type 2 diabetes, well controlled.",
        "Metformin 500 mg twice daily.",
    ),
    c(
        "Sofia Rossi",
        "2010-05-19",
        "27 Orchard Close",
        "Plays violin 2 h a day; no injuries.",
        "None.",
    ),
    c(
        "Daniel Kim",
        "1982-09-08",
        "150 Canal Walk",
        "Mild asthma.",
        "Salbutamol inhaler as needed.",
    ),
    c(
        "Ingrid Halvorsen",
        "1958-12-11",
        "9 Birch Ave",
        "Hypertension; hip replacement (left) 2021.",
        "Amlodipine 5 mg.",
    ),
    c(
        "Kwame Mensah",
        "1994-04-27",
        "61 Station Rd",
        "Ankle sprain 2023.",
        "None.",
    ),
    c(
        "Chloe Dubois",
        "1988-08-16",
        "5 Rue Close",
        "Anxiety, sees a counsellor.",
        "Sertraline 50 mg.",
    ),
    c(
        "Arjun Patel",
        "1976-02-05",
        "230 High St",
        "High cholesterol.",
        "Atorvastatin 20 mg.",
    ),
    c(
        "Eva Novak",
        "1999-06-21",
        "14 Park Terrace",
        "Healthy.",
        "None.",
    ),
    c(
        "Marcus Webb",
        "1969-10-09",
        "77 Forge Lane",
        "Atrial fibrillation, on anticoagulation.",
        "Apixaban 5 mg twice daily.",
    ),
    c(
        "Yuki Tanaka",
        "1985-03-03",
        "2 Willow Court",
        "Hypothyroidism.",
        "Levothyroxine 75 µg.",
    ),
    c(
        "Fatima Haddad",
        "1979-12-28",
        "40 Cedar Rd",
        "Two pregnancies; carpal tunnel during the second.",
        "None.",
    ),
    c(
        "Oliver Grant",
        "1992-01-17",
        "19 Mariner Way",
        "Rugby shoulder dislocation 2015.",
        "None.",
    ),
    c(
        "Amelia Clarke",
        "1963-05-06",
        "8 Abbey Gardens",
        "Osteopenia; breast cancer 2012, in remission.",
        "Calcium and vitamin D.",
    ),
    c(
        "Mateo Silva",
        "1997-09-30",
        "53 Riverside",
        "Healthy; cyclist.",
        "None.",
    ),
    c(
        "Leila Karimi",
        "1983-07-12",
        "6 Lantern Yard",
        "Irritable bowel syndrome.",
        "Mebeverine as needed.",
    ),
    c(
        "Henrik Olsen",
        "1955-04-01",
        "31 Heath Rise",
        "Knee osteoarthritis; mild hearing loss.",
        "Paracetamol as needed.",
    ),
    c(
        "Nadia Petrova",
        "1987-11-04",
        "102 Tower View",
        "Whiplash 2022 (car accident).",
        "None.",
    ),
];
