import XCTest
@testable import RedlineCore

final class VocabularyTests: XCTestCase {
    /// A pack with local classes and guard sets, and one rule per `rules` entry.
    private func lexiconPack(_ rules: String) -> String {
        """
        name: t
        version: 1
        description: test pack
        classes:
          stop-verb:
            entries:
              - stop: [+s, +ped, +ping]
              - come off: [comes off, came off, coming off]
          remedy:
            entries: [vitaboost, herbal tea]
          any-remedy:
            extends: [remedy]
            entries: [tonic]
        guards:
          refuted:
            before: ['\\bnot true\\b']
            after: ['\\bis a myth\\b']
          hedged:
            include: [$refuted]
            before: ['\\bmay\\b']
        rules:
        \(rules)
        """
    }

    func testAClassMatchesEveryDeclaredFormAndAnExtendingClassAddsToItsParent() throws {
        let set = try ruleSet(yaml: lexiconPack("""
          - id: t/stop
            kind: pattern
            category: unsafe-claim
            severity: error
            score: 1
            message: m
            patterns: ['\\b{stop-verb} your {any-remedy}\\b']
            examples: {match: ["[[Stopped your tonic]]."], no_match: ["Keep your tonic."]}
        """), test: self)
        for text in ["stopping your herbal tea", "Stops your VitaBoost", "came off your tonic", "coming  off your herbal-tea"] {
            XCTAssertEqual(scan(text, with: set).findings.count, 1, text)
        }
        XCTAssertEqual(scan("Stopper your tonic", with: set).findings.count, 0)
    }

    func testAGuardSetCancelsHitsBeforeAndAfterAndIncludesAnotherSet() throws {
        let set = try ruleSet(yaml: lexiconPack("""
          - id: t/cure
            kind: pattern
            category: unsafe-claim
            severity: error
            score: 1
            message: m
            patterns: ['\\b{remedy} cures anxiety\\b']
            unless: [$hedged, '\\bmyth:']
            examples: {match: ["[[VitaBoost cures anxiety]]."], no_match: ["It is not true that VitaBoost cures anxiety."]}
        """), test: self)
        XCTAssertEqual(scan("VitaBoost cures anxiety, they say.", with: set).findings.map(\.match), ["VitaBoost cures anxiety"])
        for text in ["It is not true that VitaBoost cures anxiety.", "That VitaBoost cures anxiety is a myth.",
                     "VitaBoost may be sold as if VitaBoost cures anxiety.", "Myth: VitaBoost cures anxiety."] {
            XCTAssertEqual(scan(text, with: set).findings.count, 0, text)
        }
    }

    func testNearRuleGuardsLookBetweenItsPartsAndSentenceScopeNeedsNoWithin() throws {
        let set = try ruleSet(yaml: lexiconPack("""
          - id: t/proven
            kind: near
            category: unsafe-claim
            severity: error
            score: 1
            message: m
            all: ['\\b{remedy}\\b', '\\bclinically proven\\b']
            scope: sentence
            unless: ['\\bnot\\b']
            examples: {match: ["[[VitaBoost, our best seller for many long years now, is clinically proven]]."], no_match: ["VitaBoost is not clinically proven."]}
        """), test: self)
        XCTAssertEqual(scan("VitaBoost is not clinically proven.", with: set).findings.count, 0)
        XCTAssertEqual(scan("VitaBoost, sold in shops across the whole of the country since the spring, is clinically proven.", with: set).findings.count, 1)
        XCTAssertEqual(scan("VitaBoost is sold here. It is clinically proven.", with: set).findings.count, 0)
    }

    func testUnknownCategoriesClassesAndGuardSetsAreErrorsWithADidYouMean() {
        let (_, errors) = RulePackLoader.parse(yaml: lexiconPack("""
          - id: t/one
            kind: near
            category: unsafe-claims
            severity: error
            score: 1
            message: m
            all: ['\\b{remdy}\\b', '\\b{prodct}\\b']
            scope: sentense
            unless: [$refutd]
            examples: {match: ["x"], no_match: ["y"]}
        """), file: "p.yaml")
        let rendered = errors.map(\.description).joined(separator: "\n")
        XCTAssertTrue(rendered.contains("unknown category 'unsafe-claims' (did you mean 'unsafe-claim'?)"), rendered)
        XCTAssertTrue(rendered.contains("pattern uses {remdy}, which is no class this pack can see (did you mean 'remedy'?)"), rendered)
        XCTAssertTrue(rendered.contains("pattern uses {prodct}"), rendered)
        XCTAssertTrue(rendered.contains("not 'sentense' (did you mean 'sentence'?)"), rendered)
        XCTAssertTrue(rendered.contains("unknown guard set $refutd (did you mean 'refuted'?)"), rendered)
        XCTAssertFalse(rendered.contains("at least two entries"), rendered)
    }

    func testAnExampleWhoseMarkedSpanDiffersFromTheFindingFails() throws {
        let set = try ruleSet(yaml: lexiconPack("""
          - id: t/safe
            kind: pattern
            category: unsafe-claim
            severity: error
            score: 1
            message: m
            patterns: ['\\b100% safe\\b']
            examples: {match: ["It is [[100% safe]] for everyone.", "It is [[100% safe for everyone]]."], no_match: ["It is safe."]}
        """), test: self)
        let report = RuleExamples.run(set)
        XCTAssertEqual(report.examplesRun, 3)
        XCTAssertEqual(report.failures.map(\.example.markedText), ["It is [[100% safe for everyone]]."])
        XCTAssertEqual(report.failures.first?.kind, .wrongSpan(found: ["It is [[100% safe]] for everyone."]))
    }

    func testAMessageNamesTheClassTextTheFindingMatched() throws {
        let set = try ruleSet(yaml: lexiconPack("""
          - id: t/cure
            kind: pattern
            category: unsafe-claim
            severity: error
            score: 1
            message: Claims {remedy} cures a disease.
            suggestion: Say what {any-remedy|the product} was tested for.
            patterns: ['\\b(?:{remedy}|it) cures anxiety\\b']
            examples: {match: ["[[Herbal tea cures anxiety]]."], no_match: ["Tea is nice."]}
        """), test: self)
        let finding = try XCTUnwrap(scan("Herbal tea cures anxiety.", with: set).findings.first)
        XCTAssertEqual(finding.message, "Claims Herbal tea cures a disease.")
        XCTAssertEqual(finding.suggestion, "Say what Herbal tea was tested for.")
        XCTAssertEqual(scan("It cures anxiety.", with: set).findings.first?.suggestion, "Say what the product was tested for.")
    }

    func testDidYouMeanPicksTheClosestNameOnlyWhenClose() {
        XCTAssertEqual(DidYouMean.closest(to: "mesage", in: ["message", "suggestion", "score"]), "message")
        XCTAssertEqual(DidYouMean.closest(to: "fail_on", in: ["fail-on", "rules"]), "fail-on")
        XCTAssertNil(DidYouMean.closest(to: "colour", in: ["severity", "thresholds"]))
    }

    func testLookalikeClassesMatchSwappedIAndLAndTheirBarAndDigitStandIns() throws {
        let set = try ruleSet(yaml: """
        name: t
        version: 1
        description: d
        classes:
          drug: {lookalikes: true, entries: [cialis, valium]}
        rules:
          - id: t/buy
            kind: pattern
            category: illicit-sale
            severity: error
            score: 10
            message: m
            patterns: ['\\bbuy {drug}\\b']
            examples: {match: ["[[buy cialls]]"], no_match: ["buy cats"]}
        """, test: self)
        XCTAssertEqual(scan("Buy clalis. Or buy cialls. Not buy calis.", with: set).findings.map(\.match), ["Buy clalis", "buy cialls"])
        XCTAssertEqual(scan("Buy va|ium. Buy vaIium. Buy valum.", with: set).findings.map(\.match), ["Buy va|ium", "Buy vaIium"])
    }

    func testAPatternRuleWithMinMatchesNeedsThatManyDifferentMatchesInItsScope() throws {
        let set = try ruleSet(yaml: lexiconPack("""
          - id: t/list
            kind: pattern
            category: unsafe-claim
            severity: error
            score: 1
            message: m
            patterns: ['\\b{any-remedy}\\b']
            min_matches: 3
            scope: sentence
            unless: ['\\bsuch as\\b']
            examples: {match: ["[[VitaBoost, herbal tea, tonic]]!"], no_match: ["VitaBoost and herbal tea."]}
        """), test: self)
        XCTAssertEqual(scan("Stock: VitaBoost, herbal tea, tonic. Also tonic, tonic, tonic.", with: set).findings.map(\.match), ["VitaBoost, herbal tea, tonic"])
        XCTAssertEqual(scan("Remedies such as VitaBoost, herbal tea and tonic.", with: set).findings.count, 0)
        XCTAssertEqual(scan("VitaBoost and herbal tea. Tonic.", with: set).findings.count, 0)
    }

    func testARequiredRuleWithContextCountsOnlyTriggersInAParagraphThatHasIt() throws {
        let set = try ruleSet(yaml: lexiconPack("""
          - id: t/benefit
            kind: required
            category: missing-caveat
            severity: warning
            score: 1
            message: m
            trigger: ['\\bhighly effective\\b']
            context: ['\\b(?:patients|{remedy})\\b']
            require: [{name: harms, patterns: ['\\bside effects\\b']}]
            examples: {match: ["[[highly effective]] for patients."], no_match: ["The new billing system is highly effective."]}
        """), test: self)
        XCTAssertEqual(scan("VitaBoost was highly effective in the trial.", with: set).findings.map(\.match), ["highly effective"])
        XCTAssertEqual(scan("The sales plan was highly effective.\n\nVitaBoost is sold here.", with: set).findings.count, 0)
        XCTAssertEqual(scan("VitaBoost was highly effective; side effects were mild.", with: set).findings.count, 0)
    }
}
