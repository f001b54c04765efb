//! The lexicon against a table of phrasings people actually use, including awkward ones.
//! Each row: the term, then the exact region ids it must resolve to (`-` for none).

use knot_body::Lexicon;

const TABLE: &str = r#"
right temple | right-temple
left temple | left-temple
both temples | left-temple right-temple
temples | left-temple right-temple
temple | left-temple right-temple
r temple | right-temple
L temple | left-temple
my right temple | right-temple
pain in my right temple | right-temple
Right Temple | right-temple
left and right temple | left-temple right-temple
temples, both sides | left-temple right-temple
back of the left knee | left-back-of-knee
behind my left knee | left-back-of-knee
left knee, back | left-back-of-knee
back of knee | left-back-of-knee right-back-of-knee
behind my right eye | right-eye
behind the right eye | right-eye
right eye | right-eye
left jaw joint (TMJ) | left-tmj
left TMJ | left-tmj left-jaw left-jaw-angle left-ear
right temporomandibular joint | right-tmj
in front of my left ear | left-tmj
right wrist (palm side, thumb edge) | right-wrist-front right-wrist-thumb-side
right wrist (palm side) | right-wrist-front
palm side of the left wrist | left-wrist-front
left wrist | left-wrist-front left-wrist-back left-wrist-thumb-side left-wrist-little-finger-side
top of left shoulder (acromion) | left-top-of-shoulder
top of the right shoulder | right-top-of-shoulder
left acromion | left-top-of-shoulder
lower back | left-low-back right-low-back lumbar-spine
low back pain | left-low-back right-low-back lumbar-spine
left lower back | left-low-back lumbar-spine
sacrum | sacrum
sacral pain | sacrum
left sacrum | sacrum
lateral epicondyle | left-lateral-epicondyle right-lateral-epicondyle
right lateral epicondyle | right-lateral-epicondyle
tennis elbow spot | left-lateral-epicondyle right-lateral-epicondyle
right tennis elbow | right-lateral-epicondyle right-forearm-back
left golfer's elbow | left-medial-epicondyle left-forearm-front
medial epicondyle, right | right-medial-epicondyle
occiput | left-occiput right-occiput
base of the skull | left-occiput right-occiput
right side of the base of my skull | right-occiput
suboccipital | left-occiput right-occiput
shoulder blade | left-supraspinous right-supraspinous left-scapula-medial-border right-scapula-medial-border left-scapula-body right-scapula-body left-scapula-lower-angle right-scapula-lower-angle
right shoulder blade | right-supraspinous right-scapula-medial-border right-scapula-body right-scapula-lower-angle
left scapula | left-supraspinous left-scapula-medial-border left-scapula-body left-scapula-lower-angle
inner edge of my left shoulder blade | left-scapula-medial-border
along the inner border of the right shoulder blade | right-scapula-medial-border
between the shoulder blades | left-upper-back right-upper-back
bottom of the right shoulder blade | right-scapula-lower-angle
SI joint | left-si-joint right-si-joint
left SI joint | left-si-joint
right sacroiliac joint | right-si-joint
tailbone | tailbone
coccyx | tailbone
tailbone/coccyx | tailbone
groin | left-groin right-groin
right groin | right-groin
shin | left-shin right-shin
left shin | left-shin
shins | left-shin right-shin
sole | left-sole right-sole left-arch right-arch
sole of my right foot | right-sole right-arch
ball of the foot | left-ball-of-foot right-ball-of-foot
ball of the left foot | left-ball-of-foot
left forefoot | left-ball-of-foot
right heel | right-heel-back right-heel-sole
heels | left-heel-back right-heel-back left-heel-sole right-heel-sole
left achilles | left-achilles
right Achilles tendon | right-achilles
forehead | left-forehead right-forehead
right forehead | right-forehead
left eyebrow | left-eyebrow
top of the head | vertex
vertex | vertex
crown of my head | vertex
left ear | left-ear
earache on the right | right-ear
behind my left ear | left-mastoid
right mastoid | right-mastoid
left cheek | left-cheek
right upper teeth | right-upper-teeth
lower teeth on the left | left-lower-teeth
left upper molars | left-upper-teeth
teeth | left-upper-teeth right-upper-teeth left-lower-teeth right-lower-teeth
angle of the right jaw | right-jaw-angle
left jaw angle | left-jaw-angle
right corner of the jaw | right-jaw-angle
throat | throat
chin | chin
front of the right neck | right-front-of-neck throat
side of my left neck | left-side-of-neck
back of the neck on the right | right-back-of-neck
left nape | left-back-of-neck
right angle of the neck | right-neck-angle
where my neck meets my left shoulder | left-neck-angle
front of the left shoulder | left-front-of-shoulder
right anterior shoulder | right-front-of-shoulder
side of the right shoulder | right-side-of-shoulder
left deltoid | left-side-of-shoulder
back of my right shoulder | right-back-of-shoulder
right armpit | right-armpit
left axilla | left-armpit
front of the left upper arm | left-upper-arm-front
right biceps | right-upper-arm-front
back of the right upper arm | right-upper-arm-back
left triceps | left-upper-arm-back
inner left upper arm | left-upper-arm-inner
outer right upper arm | right-upper-arm-outer
front of the right elbow | right-elbow-front
left elbow crease | left-elbow-front
back of the left elbow | left-elbow-back
point of the right elbow | right-elbow-back
right elbow | right-elbow-front right-elbow-back right-lateral-epicondyle right-medial-epicondyle
left forearm | left-forearm-front left-forearm-back left-forearm-thumb-side left-forearm-little-finger-side
back of the right forearm | right-forearm-back
front of the left forearm | left-forearm-front
thumb side of the right forearm | right-forearm-thumb-side
pinky side of the left forearm | left-forearm-little-finger-side
back of the left wrist | left-wrist-back
right ulnar wrist | right-wrist-little-finger-side
left palm | left-palm
back of my right hand | right-back-of-hand
right thenar eminence | right-thenar
ball of the left thumb | left-thenar
web of the right thumb | right-thumb-web
right thumb | right-thumb-front right-thumb-back
left index finger | left-index-finger-front left-index-finger-back left-index-finger-side
right middle finger | right-middle-finger-front right-middle-finger-back
left ring finger | left-ring-finger-front left-ring-finger-back
right pinky | right-little-finger-front right-little-finger-back right-little-finger-side
left little finger, palm side | left-little-finger-front
back of the right index finger | right-index-finger-back
left chest | left-chest
right pec | right-chest
breastbone | breastbone
sternum | breastbone
below the left collarbone | left-below-collarbone
right armpit and chest | right-armpit right-chest
left side of the ribs | left-side-ribs
upper abdomen | left-upper-abdomen right-upper-abdomen epigastrium
lower right abdomen | right-lower-abdomen
belly | left-upper-abdomen right-upper-abdomen left-lower-abdomen right-lower-abdomen epigastrium
above the pubic bone | pubic
upper back on the left | left-upper-back
right mid back | right-mid-back
left lower ribs at the back | left-lower-ribs-back
along the spine | thoracic-spine lumbar-spine
right iliac crest | right-iliac-crest
left top of the hip bone | left-iliac-crest
pelvic floor | pelvic-floor
perineum | pelvic-floor
left buttock | left-buttock-upper left-buttock-lower
buttocks | left-buttock-upper right-buttock-upper left-buttock-lower right-buttock-lower
upper right buttock | right-buttock-upper
lower left buttock | left-buttock-lower
left glute | left-buttock-upper left-buttock-lower
back of the right hip | right-hip-back
side of the left hip | left-hip-side
right greater trochanter | right-hip-side
front of the right thigh | right-thigh-front-upper right-thigh-front-lower
left quads | left-thigh-front-upper left-thigh-front-lower
upper front of the left thigh | left-thigh-front-upper
inner right thigh | right-thigh-inner-upper right-thigh-inner-lower
upper inner thigh on the left | left-thigh-inner-upper
outer left thigh | left-thigh-outer-upper left-thigh-outer-lower
right IT band | right-thigh-outer-upper right-thigh-outer-lower
lower outer right thigh | right-thigh-outer-lower
back of the left thigh | left-thigh-back-upper left-thigh-back-lower
right hamstrings | right-thigh-back-upper right-thigh-back-lower
left kneecap | left-kneecap
right patella | right-kneecap
inner left knee | left-knee-inner
outside of the right knee | right-knee-outer
left knee | left-kneecap left-knee-inner left-knee-outer left-back-of-knee
left calf | left-calf
calves | left-calf right-calf
outer right lower leg | right-outer-lower-leg
inner left shin | left-inner-lower-leg
front of the right ankle | right-ankle-front
left inner ankle | left-ankle-inner
right outer ankle | right-ankle-outer
top of the left foot | left-top-of-foot
arch of the right foot | right-arch
left big toe | left-big-toe-top left-big-toe-bottom
underside of the right big toe | right-big-toe-bottom
left small toes | left-toes-top left-toes-bottom
left knee and right ankle | left-kneecap left-knee-inner left-knee-outer left-back-of-knee right-ankle-front right-ankle-inner right-ankle-outer right-achilles
neck and shoulder on the right | right-front-of-neck right-side-of-neck right-back-of-neck right-top-of-shoulder right-front-of-shoulder right-side-of-shoulder right-back-of-shoulder
between my left thumb and index finger | left-thumb-web
bilateral shoulder blades | left-supraspinous right-supraspinous left-scapula-medial-border right-scapula-medial-border left-scapula-body right-scapula-body left-scapula-lower-angle right-scapula-lower-angle
my back teeth | left-upper-teeth right-upper-teeth left-lower-teeth right-lower-teeth
upper right back teeth | right-upper-teeth
back of the mouth | inside-mouth
L5 | left-low-back right-low-back lumbar-spine
pain at T8 | thoracic-spine left-mid-back right-mid-back
right plantar fasciitis | right-heel-sole right-arch
stiff neck on the left | left-back-of-neck left-side-of-neck left-neck-angle
crick in my neck | left-back-of-neck right-back-of-neck left-side-of-neck right-side-of-neck left-neck-angle right-neck-angle
left shin splints | left-shin left-inner-lower-leg
lumbago | left-low-back right-low-back lumbar-spine
right groin strain | right-groin right-thigh-inner-upper
outside of my hip | left-hip-side right-hip-side
right hip pain | right-hip-side right-hip-back right-groin
my whole body | -
everywhere | -
heartburn | -
sit bone | left-sit-bone right-sit-bone
my right sitting bone | right-sit-bone
left flank | left-flank
waist | left-flank right-flank
side of my left index finger | left-index-finger-side
outer side of my right little finger | right-little-finger-side
outer edge of my left foot | left-foot-outer-edge
bottom of the right heel | right-heel-sole
back of the left heel | left-heel-back
roof of the mouth | inside-mouth
pit of the stomach | epigastrium
side of the nose | nose
upper lip | upper-lip
tempel | -
left | -
pain | -
xyzzy | -
my left foo | -
"#;

#[test]
fn lexicon_resolves_the_table_of_phrasings() {
    let lexicon = Lexicon::builtin();
    let mut failures = Vec::new();
    let mut rows = 0;
    for line in TABLE.lines().filter(|l| !l.trim().is_empty()) {
        let (term, expected) = line.split_once('|').expect("row has a |");
        let (term, expected) = (term.trim(), expected.trim());
        let mut want: Vec<&str> = if expected == "-" {
            Vec::new()
        } else {
            expected.split_whitespace().collect()
        };
        want.sort_unstable();
        let got = lexicon.resolve(term);
        let mut got_ids: Vec<&str> = got.regions.iter().map(String::as_str).collect();
        got_ids.sort_unstable();
        if got_ids != want {
            failures.push(format!(
                "{term:?}: want {want:?}, got {got_ids:?} (ignored {:?})",
                got.ignored
            ));
        }
        rows += 1;
    }
    assert!(rows >= 150, "the table has only {rows} rows");
    assert!(
        failures.is_empty(),
        "{} of {rows} rows fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn unknown_words_are_reported_with_suggestions() {
    let res = Lexicon::builtin().resolve("right tempel");
    assert!(!res.understood());
    assert!(
        res.suggestions.iter().any(|s| s == "temple"),
        "{:?}",
        res.suggestions
    );
}

#[test]
fn unknown_words_beside_a_match_are_reported_as_ignored() {
    let res = Lexicon::builtin().resolve("left knee when running downhill");
    assert!(res.understood());
    assert!(
        res.ignored.contains(&"running".to_string()),
        "{:?}",
        res.ignored
    );
}
