# Generates crates/knot-body/data/maps.toml (run once; the output is the reviewed data file).
fingers_f = ["thumb-front","index-finger-front","index-finger-side","middle-finger-front","ring-finger-front","little-finger-front","little-finger-side"]
fingers_b = ["thumb-back","index-finger-back","middle-finger-back","ring-finger-back","little-finger-back"]
MID = {"vertex","chin","throat","breastbone","pubic","thoracic-spine","lumbar-spine","sacrum","tailbone","pelvic-floor","nose","upper-lip","inside-mouth","epigastrium"}
# (right code, left code, name, bases)
choir = [
 (101,102,"cranium (front)",["forehead","temple"]),
 (103,104,"face",["eyebrow","eye","cheek","nose","ear","tmj","upper-teeth","upper-lip","inside-mouth","lower-teeth","jaw","jaw-angle","chin"]),
 (105,106,"neck (front)",["throat","front-of-neck","side-of-neck"]),
 (107,110,"shoulder (front)",["front-of-shoulder","side-of-shoulder","armpit"]),
 (108,109,"chest",["chest","below-collarbone","breastbone","side-ribs"]),
 (111,112,"bicep (front of upper arm)",["upper-arm-front","upper-arm-inner","upper-arm-outer"]),
 (113,114,"elbow (front)",["elbow-front","medial-epicondyle"]),
 (115,118,"forearm (front)",["forearm-front","forearm-thumb-side","forearm-little-finger-side"]),
 (116,117,"abdomen",["upper-abdomen","epigastrium","lower-abdomen"]),
 (119,124,"wrist (front)",["wrist-front","wrist-thumb-side","wrist-little-finger-side"]),
 (120,123,"hip (front)",["hip-side"]),
 (121,122,"pubic",["groin","pubic"]),
 (125,128,"palm",["palm","thenar","hypothenar"]+fingers_f),
 (126,127,"upper leg (front)",["thigh-front-upper","thigh-front-lower","thigh-inner-upper","thigh-inner-lower","thigh-outer-upper","thigh-outer-lower"]),
 (129,130,"knee (front)",["kneecap","knee-inner","knee-outer"]),
 (131,132,"lower leg (front)",["shin","inner-lower-leg","outer-lower-leg"]),
 (133,134,"ankle (front)",["ankle-front","ankle-inner","ankle-outer"]),
 (135,136,"top of foot",["top-of-foot","big-toe-top","toes-top"]),
 (202,201,"cranium (back)",["vertex","parietal"]),
 (204,203,"head (back)",["occiput","mastoid"]),
 (206,205,"neck (back)",["back-of-neck","neck-angle"]),
 (210,207,"shoulder (back)",["top-of-shoulder","back-of-shoulder"]),
 (209,208,"upper back",["supraspinous","scapula-medial-border","scapula-body","upper-back","thoracic-spine"]),
 (214,211,"back of upper arm",["upper-arm-back"]),
 (213,212,"middle back",["scapula-lower-angle","mid-back","lower-ribs-back","flank"]),
 (216,215,"elbow (back)",["elbow-back","lateral-epicondyle"]),
 (220,217,"forearm (back)",["forearm-back"]),
 (219,218,"lower back",["low-back","lumbar-spine","iliac-crest","si-joint","sacrum"]),
 (226,221,"wrist (back)",["wrist-back"]),
 (225,222,"hip (back)",["hip-back"]),
 (224,223,"buttock",["buttock-upper","buttock-lower","sit-bone","tailbone","pelvic-floor"]),
 (230,227,"back of hand",["back-of-hand","thumb-web"]+fingers_b),
 (229,228,"upper leg (back)",["thigh-back-upper","thigh-back-lower"]),
 (232,231,"knee (back)",["back-of-knee"]),
 (234,233,"lower leg (back)",["calf"]),
 (236,235,"ankle (back)",["achilles"]),
 (238,237,"sole",["heel-back","heel-sole","arch","sole","foot-outer-edge","ball-of-foot","big-toe-bottom","toes-bottom"]),
]
mbm_bilateral = [
 ("jaw",["tmj","jaw","jaw-angle","upper-teeth","upper-lip","inside-mouth","lower-teeth","cheek"]),
 ("shoulder",["top-of-shoulder","front-of-shoulder","side-of-shoulder","back-of-shoulder","armpit"]),
 ("upper arm",["upper-arm-front","upper-arm-back","upper-arm-inner","upper-arm-outer"]),
 ("elbow",["elbow-front","elbow-back","lateral-epicondyle","medial-epicondyle"]),
 ("forearm",["forearm-front","forearm-back","forearm-thumb-side","forearm-little-finger-side"]),
 ("wrist",["wrist-front","wrist-back","wrist-thumb-side","wrist-little-finger-side"]),
 ("hand",["palm","back-of-hand","thenar","hypothenar","thumb-web"]+fingers_f+fingers_b),
 ("hip",["hip-side","hip-back","groin"]),
 ("buttock",["buttock-upper","buttock-lower","sit-bone"]),
 ("upper leg",["thigh-front-upper","thigh-front-lower","thigh-inner-upper","thigh-inner-lower","thigh-outer-upper","thigh-outer-lower","thigh-back-upper","thigh-back-lower"]),
 ("knee",["kneecap","knee-inner","knee-outer","back-of-knee"]),
 ("lower leg",["shin","calf","inner-lower-leg","outer-lower-leg"]),
 ("ankle",["ankle-front","ankle-inner","ankle-outer","achilles"]),
 ("foot",["top-of-foot","sole","foot-outer-edge","arch","heel-back","heel-sole","ball-of-foot","big-toe-top","big-toe-bottom","toes-top","toes-bottom"]),
]
mbm_axial = [
 ("head",["forehead","temple","vertex","parietal","occiput","mastoid","eyebrow","eye","nose","ear","chin"]),
 ("neck",["throat","front-of-neck","side-of-neck","back-of-neck","neck-angle"]),
 ("chest",["chest","below-collarbone","breastbone","side-ribs"]),
 ("abdomen",["upper-abdomen","epigastrium","lower-abdomen"]),
 ("upper back",["supraspinous","scapula-medial-border","scapula-body","scapula-lower-angle","upper-back","mid-back","thoracic-spine","lower-ribs-back","flank"]),
 ("lower back",["low-back","lumbar-spine","iliac-crest","si-joint","sacrum"]),
 ("pelvis",["pubic","tailbone","pelvic-floor"]),
]
wpi_bilateral = [
 ("jaw",["tmj","jaw","jaw-angle"],"none"),
 ("shoulder girdle",["top-of-shoulder","front-of-shoulder","side-of-shoulder","back-of-shoulder","armpit","neck-angle","supraspinous"],"upper"),
 ("upper arm",["upper-arm-front","upper-arm-back","upper-arm-inner","upper-arm-outer"],"upper"),
 ("lower arm",["forearm-front","forearm-back","forearm-thumb-side","forearm-little-finger-side"],"upper"),
 ("hip (buttock, trochanter)",["hip-side","hip-back","buttock-upper","buttock-lower","sit-bone"],"lower"),
 ("upper leg",["thigh-front-upper","thigh-front-lower","thigh-inner-upper","thigh-inner-lower","thigh-outer-upper","thigh-outer-lower","thigh-back-upper","thigh-back-lower"],"lower"),
 ("lower leg",["shin","calf","inner-lower-leg","outer-lower-leg"],"lower"),
]
wpi_axial = [
 ("neck",["throat","front-of-neck","side-of-neck","back-of-neck"],"axial"),
 ("upper back",["scapula-medial-border","scapula-body","scapula-lower-angle","upper-back","mid-back","thoracic-spine"],"axial"),
 ("lower back",["low-back","lumbar-spine","iliac-crest","si-joint","sacrum"],"axial"),
 ("chest",["chest","below-collarbone","breastbone","side-ribs"],"none"),
 ("abdomen",["upper-abdomen","epigastrium","lower-abdomen"],"none"),
]
def ids(bases, side):
    out=[]
    for b in bases:
        out.append(b if b in MID else f"{side}-{b}")
    return out
def q(xs): return "[" + ", ".join(f'"{x}"' for x in xs) + "]"
o=[]
o.append("""# The clinical body maps of shared/CLINICAL.md as groupings of Knot's regions, so that a pain
# drawing made on Knot's chart can be reported in their terms. A midline region belongs to the
# areas of both sides. Generated once from the published area lists and then reviewed by hand.
""")
o.append('[[map]]\nid = "choir"\nname = "CHOIR Body Map"\nsource = "Scherrer KH et al. The CHOIR Body Map. PAIN Reports 2021;6:e880 (74 regions, front 101-136, back 201-238). Region names: Stanford CHOIR; attribution required."\n')
for r,l,name,bases in choir:
    for code,side in ((r,"right"),(l,"left")):
        o.append(f'[[map.area]]\ncode = "{code}"\nname = "{name}, {side}"\nside = "{side}"\nregions = {q(ids(bases,side))}\n')
o.append('[[map]]\nid = "michigan"\nname = "Michigan Body Map"\nsource = "Brummett CM et al. Preliminary validation of the Michigan Body Map. Pain 2016;157:1205 (35 areas + no chronic pain). Area list reconstructed from the paper\'s description (7 axial areas, 14 areas on each side): check against the published form before research use."\n')
for name,bases in mbm_axial:
    o.append(f'[[map.area]]\ncode = "{name.replace(" ","-")}"\nname = "{name}"\nside = "midline"\nregions = {q(sorted(set(ids(bases,"right")+ids(bases,"left")), key=lambda x: x))}\n')
for name,bases in mbm_bilateral:
    for side in ("right","left"):
        o.append(f'[[map.area]]\ncode = "{side}-{name.replace(" ","-")}"\nname = "{name}, {side}"\nside = "{side}"\nregions = {q(ids(bases,side))}\n')
o.append('[[map]]\nid = "wpi"\nname = "Widespread Pain Index (2016 fibromyalgia criteria)"\nsource = "Wolfe F et al. 2016 Revisions to the 2010/2011 fibromyalgia diagnostic criteria. Semin Arthritis Rheum 2016;46:319 (19 areas; 5 regions for generalised pain: jaw, chest and abdomen count toward none)."\n')
for name,bases,grp in wpi_axial:
    o.append(f'[[map.area]]\ncode = "{name.replace(" ","-")}"\nname = "{name}"\nside = "midline"\ngroup = "{grp}"\nregions = {q(sorted(set(ids(bases,"right")+ids(bases,"left"))))}\n')
for name,bases,grp in wpi_bilateral:
    for side in ("right","left"):
        g = "none" if grp=="none" else f"{side}-{grp}"
        o.append(f'[[map.area]]\ncode = "{side}-{name.split(" (")[0].replace(" ","-")}"\nname = "{name}, {side}"\nside = "{side}"\ngroup = "{g}"\nregions = {q(ids(bases,side))}\n')
open(__import__("os").path.join(__import__("os").path.dirname(__file__), "..", "crates", "knot-body", "data", "maps.toml"),"w").write("\n".join(o))
