fn main() {
    coroutine_playground::start();
}
