import asyncio

async def count(n):
# async相当于go的goroutine
    print("One")
    await asyncio.sleep(n)
    print("Two")
    return n

# Ours, from the article's words "create_task必须要写在main()函数里面，不然会报错":
# create_task called outside a coroutine, with no event loop running.
def main():
    print("Starting...")
    task1 = asyncio.create_task(count(1))
    task2 = asyncio.create_task(count(2))
    print("1 & 2 End.")

main()
