#include "smp/clinic/candidacy.h"

#include <string>

#include <gtest/gtest.h>

#include "smp/case/questionnaire_file.h"
#include "smp/io/input_error.h"

#include "test_support.h"

namespace smp {
namespace {

Questionnaire questionnaire(const std::string& body) {
  return parse_questionnaire_text("[candidacy]\n" + body, "q.toml");
}

CandidacyResult assess(const std::string& body, const CandidacyParameters& p = {}) {
  return assess_candidacy(questionnaire(body), p);
}

bool mentions(const std::vector<std::string>& texts, const std::string& word) {
  for (const auto& t : texts)
    if (t.find(word) != std::string::npos) return true;
  return false;
}

// Parses text and returns the error, failing the test when there is none.
InputError error_of(const std::string& toml) {
  return testing::input_error_of([&] { parse_questionnaire_text(toml, "bad.toml"); }, toml);
}

// One test per rule: the verdict, and that the reason names the cause.

TEST(CandidacyRules, AndrogeneticWithNoFlagsIsACandidate) {
  const CandidacyResult r = assess("causes = ['androgenetic']\n");
  EXPECT_EQ(r.verdict, Verdict::candidate);
  ASSERT_EQ(r.reasons.size(), 1u);
  EXPECT_TRUE(mentions(r.reasons, "Androgenetic"));
  EXPECT_TRUE(r.cautions.empty());
  EXPECT_FALSE(r.come_back_after_months);
}

TEST(CandidacyRules, FemaleThinningIsACandidate) {
  const CandidacyResult r = assess("causes = ['female_thinning']\n");
  EXPECT_EQ(r.verdict, Verdict::candidate);
  EXPECT_TRUE(mentions(r.reasons, "thinning"));
}

TEST(CandidacyRules, UnstableAlopeciaAreataWaitsUntilStable) {
  const CandidacyResult r = assess("causes = ['alopecia_areata']\nareata_stable_months = 5\n");
  EXPECT_EQ(r.verdict, Verdict::not_now);
  EXPECT_TRUE(mentions(r.reasons, "Alopecia areata"));
  EXPECT_EQ(r.come_back_after_months, 7);
}

TEST(CandidacyRules, StableAlopeciaAreataIsACandidateWithCautions) {
  const CandidacyResult r = assess("causes = ['alopecia_areata']\nareata_stable_months = 12\n");
  EXPECT_EQ(r.verdict, Verdict::candidate_with_cautions);
  EXPECT_TRUE(mentions(r.reasons, "Alopecia areata"));
  EXPECT_TRUE(mentions(r.cautions, "new patches"));
  EXPECT_FALSE(r.come_back_after_months);
}

TEST(CandidacyRules, AreataStabilityFollowsTheParameter) {
  CandidacyParameters p;
  p.areata_stable_months = 18;
  const CandidacyResult r = assess("causes = ['alopecia_areata']\nareata_stable_months = 12\n", p);
  EXPECT_EQ(r.verdict, Verdict::not_now);
  EXPECT_EQ(r.come_back_after_months, 6);
  EXPECT_TRUE(mentions(r.reasons, "18 months"));
}

TEST(CandidacyRules, OngoingChemotherapyWaitsForTheEnd) {
  const CandidacyResult r = assess("causes = ['chemotherapy']\nchemotherapy_ongoing = true\n");
  EXPECT_EQ(r.verdict, Verdict::not_now);
  EXPECT_TRUE(mentions(r.reasons, "Chemotherapy is still going on"));
  EXPECT_EQ(r.come_back_after_months, 6);
}

TEST(CandidacyRules, RecentChemotherapyWaitsTheRemainingMonths) {
  const CandidacyResult r = assess("causes = ['chemotherapy']\nchemotherapy_finished_months = 2\n");
  EXPECT_EQ(r.verdict, Verdict::not_now);
  EXPECT_TRUE(mentions(r.reasons, "Chemotherapy finished 2 months ago"));
  EXPECT_EQ(r.come_back_after_months, 4);
}

TEST(CandidacyRules, ChemotherapyFinishedLongAgoIsACandidate) {
  const CandidacyResult r = assess("causes = ['chemotherapy']\nchemotherapy_finished_months = 6\n");
  EXPECT_EQ(r.verdict, Verdict::candidate);
  EXPECT_TRUE(mentions(r.reasons, "chemotherapy"));
}

TEST(CandidacyRules, TransplantScarsAreACandidateWithTheReliefDisclosed) {
  const CandidacyResult r = assess("causes = ['transplant_scars']\n");
  EXPECT_EQ(r.verdict, Verdict::candidate);
  EXPECT_TRUE(mentions(r.reasons, "transplant scars"));
  EXPECT_TRUE(mentions(r.reasons, "not relief"));
}

TEST(CandidacyRules, TraumaScarsNeedATestPatch) {
  const CandidacyResult r = assess("causes = ['trauma_scars']\n");
  EXPECT_EQ(r.verdict, Verdict::candidate_with_cautions);
  EXPECT_TRUE(mentions(r.reasons, "injury"));
  EXPECT_TRUE(mentions(r.cautions, "Test patch"));
}

TEST(CandidacyRules, BurnScarsNeedATestPatch) {
  const CandidacyResult r = assess("causes = ['burn_scars']\n");
  EXPECT_EQ(r.verdict, Verdict::candidate_with_cautions);
  EXPECT_TRUE(mentions(r.reasons, "burn"));
  EXPECT_TRUE(mentions(r.cautions, "Test patch"));
}

TEST(CandidacyRules, RecentTransplantWaitsForTheGrafts) {
  const CandidacyResult r = assess("causes = ['androgenetic']\ntransplant_months = 3\n");
  EXPECT_EQ(r.verdict, Verdict::not_now);
  EXPECT_TRUE(mentions(r.reasons, "Hair transplant 3 months ago"));
  EXPECT_EQ(r.come_back_after_months, 6);
  EXPECT_EQ(assess("causes = ['androgenetic']\ntransplant_months = 9\n").verdict,
            Verdict::candidate);
}

TEST(CandidacyRules, PlannedTransplantIsACaution) {
  const CandidacyResult r = assess("causes = ['androgenetic']\ntransplant_planned = true\n");
  EXPECT_EQ(r.verdict, Verdict::candidate_with_cautions);
  EXPECT_TRUE(mentions(r.reasons, "same day"));
  EXPECT_TRUE(mentions(r.cautions, "surgeon"));
}

TEST(CandidacyRules, ActiveScalpConditionWaitsUntilHealed) {
  const CandidacyResult r = assess("causes = ['androgenetic']\nactive_scalp_condition = true\n");
  EXPECT_EQ(r.verdict, Verdict::not_now);
  EXPECT_TRUE(mentions(r.reasons, "infection"));
  EXPECT_EQ(r.come_back_after_months, 1);
}

TEST(CandidacyRules, KeloidTendencyIsReferredToADermatologist) {
  const CandidacyResult r = assess("causes = ['androgenetic']\nkeloid_tendency = true\n");
  EXPECT_EQ(r.verdict, Verdict::refer);
  EXPECT_TRUE(mentions(r.reasons, "keloids"));
  EXPECT_TRUE(mentions(r.reasons, "dermatologist"));
}

TEST(CandidacyRules, PigmentAllergyIsReferredToAnAllergist) {
  const CandidacyResult r = assess("causes = ['androgenetic']\npigment_allergy = true\n");
  EXPECT_EQ(r.verdict, Verdict::refer);
  EXPECT_TRUE(mentions(r.reasons, "allergy to tattoo ink"));
  EXPECT_TRUE(mentions(r.reasons, "allergist"));
}

TEST(CandidacyRules, BloodThinnersAreACautionNeverStoppedOnOurAdvice) {
  const CandidacyResult r = assess("causes = ['androgenetic']\nblood_thinners = true\n");
  EXPECT_EQ(r.verdict, Verdict::candidate_with_cautions);
  EXPECT_TRUE(mentions(r.reasons, "blood thinners"));
  EXPECT_TRUE(mentions(r.cautions, "never stop"));
}

TEST(CandidacyRules, PregnancyWaitsWithoutADate) {
  const CandidacyResult r =
      assess("causes = ['female_thinning']\npregnant_or_breastfeeding = true\n");
  EXPECT_EQ(r.verdict, Verdict::not_now);
  EXPECT_TRUE(mentions(r.reasons, "breastfeeding"));
  EXPECT_FALSE(r.come_back_after_months);
}

TEST(CandidacyRules, LongHairExpectationIsACautionWithTheHonestLimit) {
  const CandidacyResult r = assess("causes = ['androgenetic']\nexpectations = ['long_hair']\n");
  EXPECT_EQ(r.verdict, Verdict::candidate_with_cautions);
  EXPECT_TRUE(mentions(r.reasons, "longer hair"));
  EXPECT_TRUE(mentions(r.reasons, "cannot give length"));
}

// Severity and the come-back date.

TEST(CandidacySeverity, MostSevereVerdictWinsAndEveryReasonIsListedMostSevereFirst) {
  const CandidacyResult r = assess(
      "causes = ['androgenetic']\nblood_thinners = true\npregnant_or_breastfeeding = "
      "true\nkeloid_tendency = true\n");
  EXPECT_EQ(r.verdict, Verdict::refer);
  ASSERT_EQ(r.reasons.size(), 4u);
  EXPECT_NE(r.reasons[0].find("keloids"), std::string::npos);
  EXPECT_NE(r.reasons[1].find("breastfeeding"), std::string::npos);
  EXPECT_NE(r.reasons[2].find("blood thinners"), std::string::npos);
  EXPECT_NE(r.reasons[3].find("Androgenetic"), std::string::npos);
  EXPECT_TRUE(mentions(r.cautions, "never stop"));  // still applies when the patient comes back
}

// A law over every flag: adding one never makes the verdict milder, and it always adds a reason.
TEST(CandidacySeverity, AFlagNeverLowersTheVerdict) {
  const char* bases[] = {"causes = ['androgenetic']\n", "causes = ['trauma_scars']\n",
                         "causes = ['chemotherapy']\nchemotherapy_ongoing = true\n",
                         "causes = ['androgenetic']\nkeloid_tendency = true\n"};
  const char* flags[] = {"active_scalp_condition",    "keloid_tendency",
                         "pigment_allergy",           "blood_thinners",
                         "pregnant_or_breastfeeding", "transplant_planned"};
  for (const char* base : bases) {
    const CandidacyResult before = assess(base);
    for (const char* flag : flags) {
      if (std::string(base).find(flag) != std::string::npos) continue;
      const CandidacyResult after = assess(std::string(base) + flag + " = true\n");
      EXPECT_GE(after.verdict, before.verdict) << base << flag;
      EXPECT_EQ(after.reasons.size(), before.reasons.size() + 1) << base << flag;
    }
  }
}

TEST(CandidacySeverity, ComeBackAfterTheLongestWait) {
  const CandidacyResult r = assess(
      "causes = ['alopecia_areata']\nareata_stable_months = 5\ntransplant_months = "
      "4\nactive_scalp_condition = true\n");
  EXPECT_EQ(r.verdict, Verdict::not_now);
  EXPECT_EQ(r.reasons.size(), 3u);
  EXPECT_EQ(r.come_back_after_months, 7);
}

TEST(CandidacySeverity, VerdictNames) {
  EXPECT_EQ(name(Verdict::candidate), "candidate");
  EXPECT_EQ(name(Verdict::candidate_with_cautions), "candidate_with_cautions");
  EXPECT_EQ(name(Verdict::not_now), "not_now");
  EXPECT_EQ(name(Verdict::refer), "refer");
}

// Suggested goals.

TEST(CandidacyGoals, ExpectationsChooseTheGoals) {
  EXPECT_EQ(assess("causes = ['androgenetic']\nexpectations = ['density']\n").suggested_goals,
            std::vector<Goal>{Goal::density});
  EXPECT_EQ(assess("causes = ['androgenetic']\nexpectations = ['buzz_cut']\n").suggested_goals,
            std::vector<Goal>{Goal::buzz_cut});
}

TEST(CandidacyGoals, WithoutAUsableExpectationTheCausesChoose) {
  EXPECT_EQ(assess("causes = ['androgenetic']\n").suggested_goals,
            std::vector<Goal>{Goal::buzz_cut});
  EXPECT_EQ(assess("causes = ['female_thinning']\nexpectations = ['long_hair']\n").suggested_goals,
            std::vector<Goal>{Goal::density});
  EXPECT_EQ(assess("causes = ['alopecia_areata']\nareata_stable_months = 20\n").suggested_goals,
            std::vector<Goal>{Goal::buzz_cut});
}

TEST(CandidacyGoals, ScarsAlwaysAddCamouflage) {
  EXPECT_EQ(assess("causes = ['androgenetic', 'transplant_scars']\nexpectations = ['buzz_cut']\n")
                .suggested_goals,
            (std::vector<Goal>{Goal::buzz_cut, Goal::scar_camouflage}));
  EXPECT_EQ(assess("causes = ['burn_scars']\nexpectations = ['scar_cover']\n").suggested_goals,
            std::vector<Goal>{Goal::scar_camouflage});
}

// The questionnaire file.

TEST(Questionnaire, ReadsEveryKey) {
  const Questionnaire q = questionnaire(R"(
causes = ["androgenetic", "alopecia_areata", "chemotherapy"]
areata_stable_months = 14
chemotherapy_finished_months = 8
transplant_months = 30
transplant_planned = true
active_scalp_condition = true
keloid_tendency = true
pigment_allergy = true
blood_thinners = true
pregnant_or_breastfeeding = true
expectations = ["buzz_cut", "scar_cover"]
)");
  EXPECT_EQ(q.causes,
            (std::vector<HairLossCause>{HairLossCause::androgenetic, HairLossCause::alopecia_areata,
                                        HairLossCause::chemotherapy}));
  EXPECT_EQ(q.areata_stable_months, 14);
  EXPECT_FALSE(q.chemotherapy_ongoing);
  EXPECT_EQ(q.chemotherapy_finished_months, 8);
  EXPECT_EQ(q.transplant_months, 30);
  EXPECT_TRUE(q.transplant_planned && q.active_scalp_condition && q.keloid_tendency &&
              q.pigment_allergy && q.blood_thinners && q.pregnant_or_breastfeeding);
  EXPECT_EQ(q.expectations,
            (std::vector<Expectation>{Expectation::buzz_cut, Expectation::scar_cover}));
}

TEST(Questionnaire, FlagsDefaultToNo) {
  const Questionnaire q = questionnaire("causes = ['female_thinning']\n");
  EXPECT_FALSE(q.transplant_months || q.areata_stable_months || q.chemotherapy_finished_months);
  EXPECT_FALSE(q.chemotherapy_ongoing || q.transplant_planned || q.active_scalp_condition ||
               q.keloid_tendency || q.pigment_allergy || q.blood_thinners ||
               q.pregnant_or_breastfeeding);
  EXPECT_TRUE(q.expectations.empty());
}

TEST(Questionnaire, Names) {
  EXPECT_EQ(name(HairLossCause::transplant_scars), "transplant_scars");
  EXPECT_EQ(name(Expectation::long_hair), "long_hair");
}

struct BadQuestionnaire {
  const char* toml;
  int line;
  const char* field;
  const char* says;
};

void PrintTo(const BadQuestionnaire& b, std::ostream* os) { *os << b.field << ": " << b.says; }

class BadQuestionnaires : public ::testing::TestWithParam<BadQuestionnaire> {};

TEST_P(BadQuestionnaires, ErrorNamesFileLineAndField) {
  const BadQuestionnaire b = GetParam();
  testing::expect_input_error(error_of(b.toml), "bad.toml", b.line, b.field, b.says);
}

INSTANTIATE_TEST_SUITE_P(
    QuestionnaireErrors, BadQuestionnaires,
    ::testing::Values(
        BadQuestionnaire{"[candidacy]\ncauses=['androgenetic']\nkeloids=true\n", 3,
                         "candidacy.keloids", "unknown field"},
        BadQuestionnaire{"[candidacy]\ncauses=['androgenetic',\n 'stress']\n", 3,
                         "candidacy.causes[1]", "unknown value 'stress'"},
        BadQuestionnaire{"[candidacy]\ncauses=[3]\n", 2, "candidacy.causes[0]",
                         "expected a string"},
        BadQuestionnaire{"[candidacy]\ncauses=['burn_scars','burn_scars']\n", 2,
                         "candidacy.causes[1]", "listed twice"},
        BadQuestionnaire{"[candidacy]\nblood_thinners=false\n", 1, "candidacy.causes", "required"},
        BadQuestionnaire{"[candidacy]\ncauses=[]\n", 2, "candidacy.causes", "required"},
        BadQuestionnaire{"[candidacy]\ncauses='androgenetic'\n", 2, "candidacy.causes",
                         "expected an array"},
        BadQuestionnaire{"[candidacy]\ncauses=['androgenetic']\nexpectations=['hair']\n", 3,
                         "candidacy.expectations[0]", "buzz_cut"},
        BadQuestionnaire{"[candidacy]\ncauses=['androgenetic']\nblood_thinners='yes'\n", 3,
                         "candidacy.blood_thinners", "true or false"},
        BadQuestionnaire{"[candidacy]\ncauses=['androgenetic']\ntransplant_months=-2\n", 3,
                         "candidacy.transplant_months", "out of range"},
        BadQuestionnaire{"[candidacy]\ncauses=['androgenetic']\ntransplant_months=2.5\n", 3,
                         "candidacy.transplant_months", "integer"},
        BadQuestionnaire{"[candidacy]\ncauses=['alopecia_areata']\nareata_stable_months=5000\n", 3,
                         "candidacy.areata_stable_months", "out of range"},
        BadQuestionnaire{"[candidacy]\ncauses=['alopecia_areata']\n", 1,
                         "candidacy.areata_stable_months", "required"},
        BadQuestionnaire{"[candidacy]\ncauses=['androgenetic']\nareata_stable_months=5\n", 3,
                         "candidacy.areata_stable_months", "alopecia_areata"},
        BadQuestionnaire{"[candidacy]\ncauses=['chemotherapy']\n", 1,
                         "candidacy.chemotherapy_finished_months", "required"},
        BadQuestionnaire{"[candidacy]\ncauses=['chemotherapy']\nchemotherapy_ongoing="
                         "true\nchemotherapy_finished_months=3\n",
                         4, "candidacy.chemotherapy_finished_months", "ongoing"},
        BadQuestionnaire{"[candidacy]\ncauses=['androgenetic']\n\nchemotherapy_ongoing=false\n", 4,
                         "candidacy.chemotherapy_ongoing", "chemotherapy"},
        BadQuestionnaire{"[patient]\nid='a'\n", 1, "candidacy", "required"},
        BadQuestionnaire{"[candidacy]\ncauses=['androgenetic']\n[patient]\nid='a'\n", 3, "patient",
                         "unknown field"},
        BadQuestionnaire{"[candidacy]\ncauses=['androgenetic'\n", 2, "", "parsing"}));

TEST(Questionnaire, MissingFileIsAnError) {
  try {
    load_questionnaire("/nonexistent/questionnaire.toml");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), "/nonexistent/questionnaire.toml");
    EXPECT_EQ(e.line(), 0);
  }
}

}  // namespace
}  // namespace smp
