// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Redline",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "redline", targets: ["redline"]),
        .library(name: "RedlineCore", targets: ["RedlineCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        .systemLibrary(
            name: "CHyperscan",
            pkgConfig: "libhs",
            providers: [.apt(["libhyperscan-dev"])]
        ),
        // glibc's mallopt, for `MemoryPolicy`.
        .systemLibrary(name: "CGlibcMalloc"),
        .target(
            name: "RedlineCore",
            dependencies: ["CPCRE2", "CHyperscan", "CGlibcMalloc", "Yams"],
            exclude: ["Text/generate_confusables.py"],
            resources: [.copy("../../Rules")]
        ),
        .executableTarget(
            name: "redline",
            dependencies: [
                "RedlineCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "RedlineBench", dependencies: ["RedlineCore"]),
        .testTarget(
            name: "RedlineCoreTests",
            dependencies: ["RedlineCore", .product(name: "PropertyBased", package: "swift-property-based")],
            resources: [.copy("Resources")]
        ),
        .testTarget(name: "RedlineCLITests", dependencies: ["RedlineCore"]),
    ]
)
