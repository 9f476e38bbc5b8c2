import XCTest
@testable import RedlineCore

final class ContactScannerTests: XCTestCase {
    private func contacts(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return ContactScanner.scan(bytes, scratch: MatchScratch()).map { "\($0.kind.rawValue): \(String(decoding: bytes[$0.range], as: UTF8.self))" }
    }

    func testURLsIncludingBareDomainsAreRecognised() {
        XCTAssertEqual(contacts("Visit https://best-replicas4u.top/buy?x=1. Or www.rx-meds.com, or rx-fast-meds.example/go?ref=A1 today."),
                       ["url: https://best-replicas4u.top/buy?x=1", "url: www.rx-meds.com", "url: rx-fast-meds.example/go?ref=A1"])
    }

    func testEmailAddressesWinOverTheirDomain() {
        XCTAssertEqual(contacts("Email info@clinic.org or support@mindshift-home.example."),
                       ["email: info@clinic.org", "email: support@mindshift-home.example"])
    }

    func testPhoneNumbersInCommonFormats() {
        XCTAssertEqual(contacts("Call +1 555 013 4567, (555) 013-4567, 555-013-4567, 1-800-222-1222 or 0161 555 0192."),
                       ["phone: +1 555 013 4567", "phone: (555) 013-4567", "phone: 555-013-4567", "phone: 1-800-222-1222", "phone: 0161 555 0192"])
    }

    func testMessengerHandlesTakeTheNumberOrNameWithThem() {
        XCTAssertEqual(contacts("WhatsApp +1 555 0199 now"), ["handle: WhatsApp +1 555 0199"])
        XCTAssertEqual(contacts("Contact WhatsApp or Telegram: +1 (555) 017-1199"), ["handle: WhatsApp or Telegram: +1 (555) 017-1199"])
        XCTAssertEqual(contacts("Telegram @shroomplug_usa for the menu"), ["handle: Telegram @shroomplug_usa"])
        XCTAssertEqual(contacts("Wickr: plugmaster99 or t.me/rxplug and wa.me/15550134"),
                       ["handle: Wickr: plugmaster99", "handle: t.me/rxplug", "handle: wa.me/15550134"])
    }

    func testNumbersThatAreNotPhonesAndWordsThatAreNotHandles() {
        XCTAssertEqual(contacts("On 2024-05-01 it cost $25.99 (v1.2.3), 3.5 mg twice, in 2023 and 1999, 4,000 IU, 10 to 20 percent, 12/05/2024."), [])
        XCTAssertEqual(contacts("Send a signal to your doctor; Telegram is an app; follow @clinic on Instagram; e.g. Dr. Ph.D. U.S. node.js"), [])
    }

    func testLinkTargetsAreClassified() {
        XCTAssertEqual(ContactScanner.kind(ofLink: "mailto:a@b.org"), .email)
        XCTAssertEqual(ContactScanner.kind(ofLink: "tel:+15550134567"), .phone)
        XCTAssertEqual(ContactScanner.kind(ofLink: "https://t.me/rxplug"), .handle)
        XCTAssertEqual(ContactScanner.kind(ofLink: "https://shop.example/x"), .link)
        XCTAssertNil(ContactScanner.kind(ofLink: "/primary-care"))
        XCTAssertNil(ContactScanner.kind(ofLink: "#faq"))
    }
}
