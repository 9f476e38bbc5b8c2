import Foundation
import RedlineCore

// In-process measurements for `make bench` (.ci/bench/bench.sh), one `key=value` line each:
//   RedlineBench startup [REPS]   load + compile (PCRE2 JIT, Hyperscan) of the default packs
//   RedlineBench decode FILE.jsonl [REPS]   JSONL reading and text-field decoding alone

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

let arguments = CommandLine.arguments.dropFirst()
switch arguments.first {
case "startup":
    let reps = arguments.dropFirst().first.flatMap { Int($0) } ?? 5
    var load: [Double] = []
    var prefilter: [Double] = []
    var patterns = 0
    for _ in 0..<reps {
        var ruleSet: RuleSet?
        load.append(try seconds { ruleSet = try RuleSet.load(files: RuleSet.defaultPackFiles()) })
        prefilter.append(seconds { _ = Scanner(ruleSet: ruleSet!) })
        patterns = ruleSet!.specs.count
    }
    print(String(format: "startup rules=%d load_jit_ms=%.1f prefilter_compile_ms=%.1f total_ms=%.1f", patterns,
                 median(load) * 1000, median(prefilter) * 1000, (median(load) + median(prefilter)) * 1000))
case "decode":
    guard let path = arguments.dropFirst().first else { fatalError("usage: RedlineBench decode FILE.jsonl [REPS]") }
    let reps = arguments.dropFirst(2).first.flatMap { Int($0) } ?? 3
    var times: [Double] = []
    var textBytes = 0
    var documents = 0
    for _ in 0..<reps {
        textBytes = 0
        documents = 0
        times.append(seconds {
            for item in DocumentSource(paths: [path]) {
                if case .document(let document) = item { textBytes += document.bytes.count; documents += 1 }
            }
        })
    }
    let fileBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    print(String(format: "decode documents=%d file_bytes=%d text_bytes=%d decode_s_median=%.4f decode_mb_s=%.1f", documents,
                 fileBytes, textBytes, median(times), Double(fileBytes) / median(times) / 1e6))
default:
    print("usage: RedlineBench startup [REPS] | decode FILE.jsonl [REPS]")
}
